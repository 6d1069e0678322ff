package com.productflow.extract.publish;

/**
 * How the extract delivers ({@code KAFKA_DELIVERY}). {@code EXACTLY_ONCE}: a transactional producer; each page and the
 * watermark that covers it commit together, so consumers reading {@code read_committed} see every selected product
 * version once whatever crashed when. {@code AT_LEAST_ONCE}: for brokers without transactions; a run that dies after
 * the broker acknowledged a page and before its watermark moved publishes that page again on the next run.
 */
public enum KafkaDelivery {
    EXACTLY_ONCE,
    AT_LEAST_ONCE
}
