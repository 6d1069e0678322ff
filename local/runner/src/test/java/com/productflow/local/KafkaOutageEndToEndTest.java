package com.productflow.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.productflow.stack.sfn.Execution;
import com.productflow.stack.sfn.ExecutionStatus;
import com.productflow.state.FileId;
import com.productflow.state.FileRecord;
import com.productflow.state.FileStatus;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kafka down while a file is processed: the state machine retries the extract (KafkaUnavailable), then
 * records the file FAILED; with the broker back, RedriveFunction starts a new attempt that completes, and
 * the topic holds every ready product exactly once.
 */
class KafkaOutageEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static LocalSystem system;

    @BeforeAll
    static void start() throws Exception {
        system = LocalSystem.start(LocalOptions.defaults().withRetryInterval(Duration.ofMillis(20))
                .withKafkaTimeout(Duration.ofSeconds(1)).withExtractToday(Demo.SAMPLE_TODAY).withLog(LocalLog.silent()));
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void anOutageIsRetriedThenFailedThenRedrivenToCompletedWithNothingDuplicated() throws Exception {
        String topic = system.topic();
        system.kafka().stop();
        int extractsBefore = system.invocations(LocalSystem.EXTRACT);
        FileId file = E2e.put(system.s3(), system.inputBucket(), "outage/feed.json", E2e.sampleArray());

        Execution failed = system.awaitExecution(file, 1, WAIT);

        assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(failed.error()).isEqualTo("com.productflow.functions.KafkaUnavailable");
        // process-file's Retry for KafkaUnavailable: MaxAttempts 5, so six invocations in all.
        assertThat(system.invocations(LocalSystem.EXTRACT) - extractsBefore).isEqualTo(6);
        FileRecord record = system.state().get(file).orElseThrow();
        assertThat(record.status()).isEqualTo(FileStatus.FAILED);
        assertThat(record.lastError().type()).isEqualTo("com.productflow.functions.KafkaUnavailable");

        system.kafka().restart();
        LambdaInvoker.Result redrive = system.lambda().invoke(LocalSystem.REDRIVE, "{}", WAIT);
        assertThat(redrive.ok()).as(redrive.body()).isTrue();
        assertThat(new ObjectMapper().readTree(redrive.body()).path("failedRestarted").asInt()).isEqualTo(1);
        Execution redriven = system.awaitExecution(file, 2, WAIT);

        assertThat(redriven.status()).as(redriven.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        FileRecord done = system.state().get(file).orElseThrow();
        assertThat(done.status()).isEqualTo(FileStatus.COMPLETED);
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(done.published()).isEqualTo(EndToEndTest.READY_PRODUCTS);
        KafkaTopics.Count count = KafkaTopics.count(system.kafka().bootstrapServers(), topic);
        assertThat(count.messages()).isEqualTo(EndToEndTest.READY_PRODUCTS).isEqualTo(count.distinctKeys());
    }
}
