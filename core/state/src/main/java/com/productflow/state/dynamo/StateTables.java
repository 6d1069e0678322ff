package com.productflow.state.dynamo;

import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** Creates the state table for tests and local runs (in AWS, terraform owns it). */
public final class StateTables {
    private static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(60);

    private StateTables() {}

    /** Creates {@code table} per {@link StateTableSchema} unless it exists; returns once it is ACTIVE. */
    public static void createIfMissing(DynamoDbClient client, String table) {
        try {
            client.describeTable(b -> b.tableName(table));
        } catch (ResourceNotFoundException missing) {
            try {
                client.createTable(StateTableSchema.createTableRequest(table));
            } catch (ResourceInUseException createdMeanwhile) {
                // Another process created it first: fine.
            }
        }
        awaitActive(client, table);
    }

    private static void awaitActive(DynamoDbClient client, String table) {
        long deadline = System.nanoTime() + ACTIVE_TIMEOUT.toNanos();
        while (true) {
            DescribeTableResponse described = client.describeTable(b -> b.tableName(table));
            boolean indexesActive = described.table().globalSecondaryIndexes().stream()
                    .allMatch(index -> index.indexStatus() == IndexStatus.ACTIVE);
            if (described.table().tableStatus() == TableStatus.ACTIVE && indexesActive) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("table " + table + " is not ACTIVE after " + ACTIVE_TIMEOUT.toSeconds() + " s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for table " + table, e);
            }
        }
    }
}
