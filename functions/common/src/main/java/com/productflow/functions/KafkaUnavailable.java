package com.productflow.functions;

/** No Kafka broker answered, or records were not acknowledged in time; retried with a longer backoff. */
public final class KafkaUnavailable extends RuntimeException {
    public KafkaUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
