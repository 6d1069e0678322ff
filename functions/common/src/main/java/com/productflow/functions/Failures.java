package com.productflow.functions;

import com.productflow.common.BadInputException;
import com.productflow.pipeline.FileBusyException;
import com.productflow.pipeline.IngestIncompleteException;
import com.productflow.storage.ObjectStoreException;
import com.productflow.storage.UploadGoneException;
import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Maps what the core throws to the error types the state machine matches: bad input is permanent
 * ({@link InvalidInput}), throttling, 5xx, lost connections and I/O hiccups are {@link TransientFailure},
 * our own typed errors pass through, anything else keeps its own class (caught, recorded FAILED).
 */
public final class Failures {
    private Failures() {}

    public static RuntimeException classify(Throwable failure) {
        if (failure instanceof InvalidInput || failure instanceof TransientFailure || failure instanceof KafkaUnavailable) {
            return (RuntimeException) failure;
        }
        if (failure instanceof FileBusyException || failure instanceof IngestIncompleteException || failure instanceof UploadGoneException) {
            return new TransientFailure(failure.getMessage(), failure);
        }
        if (failure instanceof ObjectStoreException && failure.getCause() != null) {
            RuntimeException cause = classify(failure.getCause());
            if (cause instanceof TransientFailure) {
                return new TransientFailure(describe(failure), failure);
            }
        }
        if (failure instanceof BadInputException bad) {
            return new InvalidInput(bad.getMessage(), bad);
        }
        if (failure instanceof AwsServiceException service
                && (service.isThrottlingException() || service.statusCode() >= 500 || service.retryable())) {
            return new TransientFailure(describe(service), service);
        }
        if (failure instanceof SdkClientException || (failure instanceof SdkException sdk && sdk.retryable())) {
            return new TransientFailure(describe(failure), failure);
        }
        if (failure instanceof IOException || failure instanceof UncheckedIOException) {
            return new TransientFailure(describe(failure), failure);
        }
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        return new IllegalStateException(describe(failure), failure);
    }

    private static String describe(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }
}
