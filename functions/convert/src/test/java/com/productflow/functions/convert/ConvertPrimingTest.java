package com.productflow.functions.convert;

import static org.assertj.core.api.Assertions.assertThat;

import com.productflow.common.config.SettingsSource;
import com.productflow.convert.ConversionOptions;
import com.productflow.convert.ConversionResult;
import com.productflow.convert.JsonToXmlConverter;
import com.productflow.functions.Wiring;
import com.productflow.pipeline.OutputFormat;
import com.productflow.pipeline.ProductOutputs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ConvertFunction's SnapStart priming runs the function's own conversion and reaches nothing outside the JVM. */
class ConvertPrimingTest {
    /** A port nothing listens on: any S3 or DynamoDB call during priming would fail to connect. */
    private static String unreachable() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    private static SettingsSource settings(String formats) throws Exception {
        String endpoint = unreachable();
        return SettingsSource.of(Map.of("S3_ENDPOINT", endpoint, "DYNAMODB_ENDPOINT", endpoint,
                "STATE_TABLE", "files", "OUTPUT_BUCKET", "out", "OUTPUT_FORMATS", formats));
    }

    /** The outputs exactly as the handler's constructor builds them, from settings whose servers are all unreachable. */
    private static ProductOutputs outputs(String formats) throws Exception {
        Wiring wiring = new Wiring(settings(formats));
        wiring.stateStore(); // built as the handler builds it, never called
        return ConvertPriming.register(wiring.productOutputs(wiring.transfers()));
    }

    @Test
    void theBundledSampleIsTheRepositorysSample() throws Exception {
        assertThat(ConvertPriming.sample()).isEqualTo(Files.readAllBytes(Path.of("../../samples/sample_products.json")));
    }

    @Test
    void primingConvertsTheSampleThroughTheFunctionsConversionWithNoServerReachable() throws Exception {
        byte[] sample = ConvertPriming.repeated(ConvertPriming.sample(), ConvertPriming.COPIES);
        ConversionResult direct = new JsonToXmlConverter(ConversionOptions.fromSettings(settings("xml")))
                .convert(new ByteArrayInputStream(sample), new ByteArrayOutputStream());
        ConversionResult once = new JsonToXmlConverter(ConversionOptions.fromSettings(settings("xml")))
                .convert(new ByteArrayInputStream(ConvertPriming.sample()), new ByteArrayOutputStream());
        assertThat(direct.records()).isEqualTo(ConvertPriming.COPIES * once.records());

        long start = System.nanoTime();
        ProductOutputs outputs = outputs("xml,parquet");
        ConvertPriming.Primed run = new ConvertPriming(outputs.conversion()).prime();
        List<ConversionResult> primed = run.lastPass();
        assertThat(run.passes()).isBetween(ConvertPriming.MIN_PASSES, ConvertPriming.MAX_PASSES);
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(primed).hasSize(2); // both outputs, from one read (the tee), as OUTPUT_FORMATS=xml,parquet runs
        ConversionResult xml = primed.get(outputs.formats().indexOf(OutputFormat.XML));
        ConversionResult parquet = primed.get(outputs.formats().indexOf(OutputFormat.PARQUET));
        assertThat(xml.records()).isEqualTo(direct.records()).isPositive();
        assertThat(xml.bytesIn()).isEqualTo(sample.length);
        assertThat(xml.inputSha256()).isEqualTo(direct.inputSha256());
        assertThat(xml.outputSha256()).as("the XML the function would have uploaded").isEqualTo(direct.outputSha256());
        assertThat(parquet.records()).isEqualTo(direct.records());
        assertThat(parquet.bytesOut()).as("a Parquet file was written to the sink").isPositive();
        System.out.printf("priming: %d passes of %d bytes in %.2f s%n", run.passes(), sample.length, seconds);
    }

    @Test
    void theCheckpointHookPrimesWithoutAContextAndRestoresNothing() throws Exception {
        ConvertPriming priming = new ConvertPriming(outputs("xml").conversion());
        priming.beforeCheckpoint(null); // as Lambda calls it before the snapshot: no exception, no connection
        priming.afterRestore(null);
        assertThat(priming.prime().lastPass()).singleElement().satisfies(r -> assertThat(r.records()).isPositive());
    }

    @Test
    void primingStopsWhenPassesStopGettingFaster() {
        assertThat(ConvertPriming.plateaued(List.of(100L, 90L))).as("too few passes to tell").isFalse();
        assertThat(ConvertPriming.plateaued(List.of(100L, 90L, 80L, 70L))).as("still getting faster").isFalse();
        assertThat(ConvertPriming.plateaued(List.of(100L, 50L, 49L, 51L))).as("within 5 %").isTrue();
        assertThat(ConvertPriming.plateaued(List.of(100L, 50L, 60L, 55L))).as("slower since").isTrue();
    }
}
