package com.productflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.productflow.common.BadInputException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Reading the task's input (what RecordOutcomeHandler did before): no store is reached for these. */
class OutcomeRecorderMessageTest {
    @Test
    void causeIsTheLambdaErrorMessageWhenItIsAnErrorDocument() {
        String document = "{\"errorMessage\":\"products.json: line 3, column 7: unexpected end\",\"errorType\":\"com.productflow.functions.InvalidInput\",\"stackTrace\":[]}";
        assertThat(OutcomeRecorder.message(document)).isEqualTo("products.json: line 3, column 7: unexpected end");
        assertThat(OutcomeRecorder.message("States.Timeout after 930 s")).isEqualTo("States.Timeout after 930 s");
        assertThat(OutcomeRecorder.message("{not json")).isEqualTo("{not json");
    }

    @Test
    void anInputOfAnotherShapeIsBadInputNamingWhatIsExpected() throws Exception {
        OutcomeRecorder recorder = new OutcomeRecorder(null);
        assertThatThrownBy(() -> recorder.record(PipelineJson.MAPPER.readTree("{\"outcome\":\"COMPLETED\"}"), Instant.EPOCH))
                .isInstanceOf(BadInputException.class).hasMessageContaining("\"file\"");
        assertThatThrownBy(() -> recorder.record(PipelineJson.MAPPER.readTree(
                "{\"outcome\":\"DONE\",\"file\":{\"bucket\":\"b\",\"key\":\"k\"},\"executionId\":\"e\"}"), Instant.EPOCH))
                .isInstanceOf(BadInputException.class).hasMessageContaining("'DONE'");
        assertThatThrownBy(() -> recorder.record(PipelineJson.MAPPER.readTree(
                "{\"outcome\":\"FAILED\",\"file\":[1],\"executionId\":\"e\"}"), Instant.EPOCH))
                .isInstanceOf(BadInputException.class).hasMessageContaining("'file'");
    }
}
