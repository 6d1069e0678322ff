package com.productflow.extract.publish;

/**
 * What a run did: {@code selected} rows matched, {@code published} were acknowledged by the broker,
 * {@code failed = selected - published} were not (sent and refused, timed out, or never sent because
 * the run had already failed). A run succeeded only when {@code failed == 0}. {@code covered}: this request ran
 * nothing, because run {@code runId}, which began after the request was made, already selected what it asks for.
 */
public record ExtractResult(long selected, long published, long failed, String topic, ExtractMode mode, String runId,
        boolean covered) {
    public ExtractResult(long selected, long published, long failed, String topic, ExtractMode mode, String runId) {
        this(selected, published, failed, topic, mode, runId, false);
    }

    /** The answer to a request {@code run} covers: nothing selected or published by it. */
    public static ExtractResult coveredBy(ExtractResult run) {
        return new ExtractResult(0, 0, 0, run.topic(), run.mode(), run.runId(), true);
    }

    public boolean complete() {
        return failed == 0 && published == selected;
    }
}
