package com.productflow.functions;

/** Test stand-in for the extract function's "Kafka is unreachable" error type (see TransientFailure). */
public class KafkaUnavailable extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KafkaUnavailable(String message) {
        super(message);
    }
}
