package com.productflow.functions.convert;

import static org.assertj.core.api.Assertions.assertThat;

import com.productflow.common.config.SettingsSource;
import com.productflow.convert.ConversionOptions;
import com.productflow.convert.ConversionResult;
import com.productflow.convert.JsonToXmlConverter;
import com.productflow.functions.Wiring;
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

    /** The outputs exactly as the handler's constructor builds them, from settings whose servers are all unreachable. */
    private static ProductOutputs outputs(String formats) throws Exception {
        String endpoint = unreachable();
        Wiring wiring = new Wiring(SettingsSource.of(Map.of("S3_ENDPOINT", endpoint, "DYNAMODB_ENDPOINT", endpoint,
                "STATE_TABLE", "files", "OUTPUT_BUCKET", "out", "OUTPUT_FORMATS", formats)));
        wiring.stateStore(); // built as the handler builds it, never called
        return ConvertPriming.register(wiring.productOutputs(wiring.transfers()));
    }

    @Test
    void theBundledSampleIsTheRepositorysSample() throws Exception {
        assertThat(ConvertPriming.sample()).isEqualTo(Files.readAllBytes(Path.of("../../samples/sample_products.json")));
    }

    @Test
    void primingConvertsTheSampleThroughTheFunctionsConversionWithNoServerReachable() throws Exception {
        byte[] sample = ConvertPriming.sample();
        ByteArrayOutputStream expectedXml = new ByteArrayOutputStream();
        ConversionResult direct = new JsonToXmlConverter(ConversionOptions.defaults()).convert(new ByteArrayInputStream(sample), expectedXml);

        long start = System.nanoTime();
        List<ConversionResult> primed = new ConvertPriming(outputs("xml,parquet").conversion()).prime();
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(primed).hasSize(2); // both outputs, from one read (the tee), as OUTPUT_FORMATS=xml,parquet runs
        ConversionResult xml = primed.get(0);
        assertThat(xml.records()).isEqualTo(direct.records()).isPositive();
        assertThat(xml.bytesIn()).isEqualTo(sample.length);
        assertThat(xml.inputSha256()).isEqualTo(direct.inputSha256());
        assertThat(xml.outputSha256()).as("the XML the function would have uploaded").isEqualTo(direct.outputSha256());
        assertThat(primed.get(1).records()).isEqualTo(direct.records());
        assertThat(primed.get(1).bytesOut()).as("a Parquet file was written to the sink").isPositive();
        System.out.printf("priming: %d passes in %.2f s%n", ConvertPriming.PASSES, seconds);
    }

    @Test
    void theCheckpointHookPrimesWithoutAContextAndRestoresNothing() throws Exception {
        ConvertPriming priming = new ConvertPriming(outputs("xml").conversion());
        priming.beforeCheckpoint(null); // as Lambda calls it before the snapshot: no exception, no connection
        priming.afterRestore(null);
        assertThat(priming.prime()).singleElement().satisfies(r -> assertThat(r.records()).isPositive());
    }
}
