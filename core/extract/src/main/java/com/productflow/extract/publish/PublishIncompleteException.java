package com.productflow.extract.publish;

import com.productflow.common.ProductflowException;

/** Some selected products were not acknowledged by the broker: the run failed, with its counts. */
public final class PublishIncompleteException extends ProductflowException {
    private final transient ExtractResult result;

    public PublishIncompleteException(ExtractResult result, String reason, Throwable cause) {
        super(result.failed() + " of " + result.selected() + " products were not published to " + result.topic() + ": " + reason, cause);
        this.result = result;
    }

    public ExtractResult result() {
        return result;
    }
}
