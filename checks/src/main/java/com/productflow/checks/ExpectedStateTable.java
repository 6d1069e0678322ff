package com.productflow.checks;

import java.util.TreeMap;

/**
 * The file-state table as the state issue fixes it. Stand-in until the state module's
 * {@code com.productflow.state.StateTableSchema} is merged; then the terraform test compares with
 * a spec derived from that class instead of this constant, so code and infrastructure cannot drift.
 */
public final class ExpectedStateTable {
    private ExpectedStateTable() {
    }

    /** Name of the index the redrive function queries (status, then updatedAt order). */
    public static final String STATUS_INDEX = "status-updatedAt";

    public static final StateTableSpec SPEC = new StateTableSpec(
            "PAY_PER_REQUEST",
            "pk",
            "sk",
            new TreeMap<>(StateTableSpec.attributes("pk", "S", "sk", "S", "status", "S", "updatedAt", "S")),
            StateTableSpec.indexes(new StateTableSpec.Index(STATUS_INDEX, "status", "updatedAt", "ALL")),
            "ttl",
            true,
            true);
}
