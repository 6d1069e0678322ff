package com.productflow.state.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.productflow.common.watermark.Watermark;
import com.productflow.stack.dynamo.Dynalite;
import com.productflow.state.FileStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class DynamoWatermarkStoreTest {
    private static DynamoDbClient client;
    private static int tables;
    private String table;
    private DynamoWatermarkStore store;

    @BeforeAll
    static void connect() {
        client = DynamoClients.local(Dynalite.shared().endpoint());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void createTable() {
        table = "watermarks-" + ProcessHandle.current().pid() + "-" + (++tables);
        StateTables.createIfMissing(client, table);
        store = new DynamoWatermarkStore(client, table, Clock.systemUTC());
    }

    private static Watermark at(String instant, String ean) {
        return new Watermark(Instant.parse(instant), ean);
    }

    @Test
    void advancesOnlyFromTheExpectedWatermark() {
        String stream = "product-updates|articleStatus=created|days=30";
        Watermark first = at("2026-11-20T10:15:30.123456789Z", "5713447649590");
        Watermark second = at("2026-11-20T10:15:30.123456789Z", "5713447649606");
        Watermark third = at("2026-11-21T00:00:00Z", "4006381333931");

        assertThat(store.load(stream)).isEmpty();
        assertThat(store.advance(stream, Optional.empty(), first)).isTrue();
        assertThat(store.advance(stream, Optional.empty(), second)).as("someone stored one meanwhile").isFalse();
        assertThat(store.load(stream)).contains(first);

        assertThat(store.advance(stream, Optional.of(first), second)).isTrue();
        assertThat(store.advance(stream, Optional.of(first), third)).as("stale expectation").isFalse();
        assertThat(store.load(stream)).contains(second);
        assertThat(store.advance(stream, Optional.of(second), third)).isTrue();
        assertThat(store.load(stream)).contains(third);

        assertThatThrownBy(() -> store.advance(stream, Optional.of(third), first))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("back");
        assertThat(store.load("another-stream")).isEmpty();
    }

    @Test
    void watermarksStayOutOfTheFileListings() {
        store.advance("s", Optional.empty(), at("2026-11-20T10:15:30Z", "1"));
        var files = new DynamoFileStateStore(client, table, Clock.systemUTC(), Duration.ofDays(1));
        for (FileStatus status : FileStatus.values()) {
            assertThat(files.list(status, 10, Optional.empty()).items()).isEmpty();
        }
    }

    @Test
    void concurrentAdvancesFromTheSameWatermarkHaveOneWinner() throws Exception {
        Watermark start = at("2026-11-20T00:00:00Z", "0");
        store.advance("race", Optional.empty(), start);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                Watermark next = at("2026-11-21T00:00:00Z", "ean-" + i);
                results.add(pool.submit(() -> {
                    go.await();
                    return store.advance("race", Optional.of(start), next);
                }));
            }
            go.countDown();
            int wins = 0;
            for (Future<Boolean> f : results) {
                wins += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(wins).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
