package com.productflow.functions.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ConvertFunction's SnapStart priming runs the function's own conversion over every feed shape, many megabytes, and
 * reaches nothing outside the JVM: S3 and DynamoDB point at a server socket of the test's that must never see a
 * connection; and it leaves no thread behind.
 */
class ConvertPrimingTest {
    private ServerSocket server;

    @BeforeEach
    void listen() throws Exception {
        server = new ServerSocket(0);
    }

    @AfterEach
    void noConnectionWasAttempted() throws Exception {
        server.setSoTimeout(200);
        assertThatThrownBy(server::accept).as("nothing may connect to S3 or DynamoDB while priming")
                .isInstanceOf(SocketTimeoutException.class);
        server.close();
    }

    private SettingsSource settings(String formats) {
        String endpoint = "http://127.0.0.1:" + server.getLocalPort();
        return SettingsSource.of(Map.of("S3_ENDPOINT", endpoint, "DYNAMODB_ENDPOINT", endpoint,
                "STATE_TABLE", "files", "OUTPUT_BUCKET", "out", "OUTPUT_FORMATS", formats));
    }

    /** The outputs exactly as the handler's constructor builds them. */
    private ProductOutputs outputs(String formats) {
        Wiring wiring = new Wiring(settings(formats));
        wiring.stateStore(); // built as the handler builds it, never called
        return ConvertPriming.register(wiring.productOutputs(wiring.transfers()));
    }

    private ConversionResult direct(byte[] feed) throws Exception {
        return new JsonToXmlConverter(ConversionOptions.fromSettings(settings("xml")))
                .convert(new ByteArrayInputStream(feed), new ByteArrayOutputStream());
    }

    private static Set<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).collect(Collectors.toSet());
    }

    @Test
    void theFeedsAreGeneratedDeterministicallyInEveryShapeWithTheEdgeRecord() throws Exception {
        List<PrimingFeeds.Feed> feeds = PrimingFeeds.generate();
        List<PrimingFeeds.Feed> again = PrimingFeeds.generate();
        assertThat(feeds).extracting(PrimingFeeds.Feed::name)
                .containsExactly("compact JSON", "pretty JSON", "JSON Lines", "gzipped JSON", "other keys");
        for (int i = 0; i < feeds.size(); i++) {
            assertThat(feeds.get(i).bytes()).as(feeds.get(i).name()).isEqualTo(again.get(i).bytes());
        }
        String compact = new String(feeds.get(0).bytes(), StandardCharsets.UTF_8);
        assertThat(compact).startsWith("[\n{\"ean\":").endsWith("}\n]\n").contains(",\n" + PrimingFeeds.EDGE + ",\n");
        assertThat(new String(feeds.get(1).bytes(), StandardCharsets.UTF_8)).startsWith("[\n  {\n    \"ean\": ");
        String lines = new String(feeds.get(2).bytes(), StandardCharsets.UTF_8);
        assertThat(lines).startsWith("{\"ean\":").contains("\n" + PrimingFeeds.EDGE + "\n").doesNotContain(",\n{");
        assertThat(feeds.get(3).bytes()).startsWith(0x1f, 0x8b);
        assertThat(direct(feeds.get(4).bytes()).records()).isEqualTo(PrimingFeeds.OTHER_KEY_RECORDS);
        long megabytes = feeds.stream().mapToLong(f -> f.bytes().length).sum() / 1_000_000;
        assertThat(megabytes).as("MB a round").isBetween(8L, 20L);

        ConversionResult compactResult = direct(feeds.get(0).bytes());
        assertThat(compactResult.records()).isEqualTo(PrimingFeeds.PRODUCTS + PrimingFeeds.PRODUCTS / PrimingFeeds.EDGE_EVERY);
        ByteArrayOutputStream xml = new ByteArrayOutputStream();
        new JsonToXmlConverter(ConversionOptions.fromSettings(settings("xml")).withStrict(true))
                .convert(new ByteArrayInputStream(("[" + PrimingFeeds.EDGE + "]").getBytes(StandardCharsets.UTF_8)), xml);
        assertThat(xml.toString(StandardCharsets.UTF_8)).as("the edge record's values, escaped")
                .contains("<color>Café \"Noir\"</color>", "Smith &amp; Sons &lt;Ltd&gt;", "<active>true</active>",
                        "<serial>123456789012345678901234567890</serial>", "<weightKg>1.5E-3</weightKg>", "👖");
    }

    @Test
    void primingConvertsEveryFeedThroughTheFunctionsConversionUntilTheJitSettles() throws Exception {
        List<PrimingFeeds.Feed> feeds = PrimingFeeds.generate();
        long roundBytes = feeds.stream().mapToLong(f -> f.bytes().length).sum();
        ProductOutputs outputs = outputs("xml,parquet");
        Set<Thread> before = liveThreads();

        ConvertPriming.Primed run = new ConvertPriming(outputs.conversion()).prime();

        assertThat(run.rounds()).isPositive();
        assertThat(run.bytes()).as("bytes converted").isEqualTo(run.rounds() * roundBytes).isGreaterThan(8_000_000L);
        if (run.settled()) {
            assertThat(run.rounds()).isGreaterThanOrEqualTo(ConvertPriming.MIN_ROUNDS);
        } else {
            assertThat(run.cpuNanos() > ConvertPriming.BUDGET_CPU_NANOS || run.nanos() > ConvertPriming.BUDGET_WALL_NANOS)
                    .as("priming stopped before the JIT settled only at its budget: %s", run).isTrue();
        }
        assertThat(run.nanos()).as("the budget ends priming").isLessThan(ConvertPriming.BUDGET_WALL_NANOS + 30_000_000_000L);
        assertThat(run.lastRound()).hasSameSizeAs(feeds);
        int xmlAt = outputs.formats().indexOf(OutputFormat.XML);
        int parquetAt = outputs.formats().indexOf(OutputFormat.PARQUET);
        long records = 0;
        for (int i = 0; i < feeds.size(); i++) {
            ConversionResult direct = direct(feeds.get(i).bytes());
            List<ConversionResult> primed = run.lastRound().get(i);
            assertThat(primed).as("both outputs, from one read (the tee), as OUTPUT_FORMATS=xml,parquet runs").hasSize(2);
            ConversionResult xml = primed.get(xmlAt);
            assertThat(xml.records()).as(feeds.get(i).name()).isEqualTo(direct.records()).isPositive();
            assertThat(xml.bytesIn()).isEqualTo(feeds.get(i).bytes().length);
            assertThat(xml.outputSha256()).as("the XML the function would have uploaded").isEqualTo(direct.outputSha256());
            assertThat(primed.get(parquetAt).records()).isEqualTo(direct.records());
            assertThat(primed.get(parquetAt).bytesOut()).as("a Parquet file was written to the sink").isPositive();
            records += direct.records();
        }
        assertThat(run.records()).isEqualTo(run.rounds() * records);

        Set<Thread> left = liveThreads();
        left.removeAll(before);
        assertThat(left).as("threads priming left running").isEmpty();
        System.out.printf("priming: %d rounds, %d MB, %d ms (%d ms CPU), settled %s%n", run.rounds(), run.bytes() / 1_000_000,
                run.nanos() / 1_000_000, run.cpuNanos() / 1_000_000, run.settled());
    }

    @Test
    void c2IsIdleOnlyWithNothingRunningOrQueued() {
        String idle = "Current compiles: \n\nC1 compile queue:\n1555       1       a.B::c (5 bytes)\n\nC2 compile queue:\nEmpty\n\n";
        assertThat(CompilerQueue.c2Idle(idle)).as("C1 work does not count").isTrue();
        assertThat(CompilerQueue.c2Idle("Current compiles: \nC2 CompilerThread0  1560       4       a.B::c (13 bytes)\n\n"
                + "C1 compile queue:\nEmpty\n\nC2 compile queue:\nEmpty\n")).as("compiling").isFalse();
        assertThat(CompilerQueue.c2Idle("Current compiles: \n\nC1 compile queue:\nEmpty\n\nC2 compile queue:\n"
                + "2512       4       a.B::c (430 bytes)\n\n")).as("queued").isFalse();
        assertThat(CompilerQueue.c2Idle()).as("this JDK answers Compiler.queue").isPresent();
    }

    @Test
    void theCheckpointHookPrimesWithoutAContextAndRestoresNothing() {
        ConvertPriming priming = new ConvertPriming(outputs("xml").conversion());
        Set<Thread> before = liveThreads();
        priming.beforeCheckpoint(null); // as Lambda calls it before the snapshot: no exception, no connection
        priming.afterRestore(null);
        Set<Thread> left = liveThreads();
        left.removeAll(before);
        assertThat(left).as("threads priming left running").isEmpty();
    }
}
