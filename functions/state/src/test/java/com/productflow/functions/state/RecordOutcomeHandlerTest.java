package com.productflow.functions.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecordOutcomeHandlerTest {
    @Test
    void causeIsTheLambdaErrorMessageWhenItIsAnErrorDocument() {
        String document = "{\"errorMessage\":\"products.json: line 3, column 7: unexpected end\",\"errorType\":\"com.productflow.functions.InvalidInput\",\"stackTrace\":[]}";
        assertThat(RecordOutcomeHandler.message(document)).isEqualTo("products.json: line 3, column 7: unexpected end");
        assertThat(RecordOutcomeHandler.message("States.Timeout after 930 s")).isEqualTo("States.Timeout after 930 s");
        assertThat(RecordOutcomeHandler.message("{not json")).isEqualTo("{not json");
    }
}
