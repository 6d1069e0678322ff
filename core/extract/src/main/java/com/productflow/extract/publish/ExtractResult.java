package com.productflow.extract.publish;

/**
 * What a run did: {@code selected} rows matched, {@code published} were acknowledged by the broker,
 * {@code failed = selected - published} were not (sent and refused, timed out, or never sent because
 * the run had already failed). A run succeeded only when {@code failed == 0}.
 */
public record ExtractResult(long selected, long published, long failed, String topic, ExtractMode mode, String runId) {
    public boolean complete() {
        return failed == 0 && published == selected;
    }
}
