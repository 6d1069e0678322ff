package com.productflow.parquet;

/** What happens to a value whose JSON type does not fit its schema type (setting {@code PARQUET_WRONG_TYPE}). */
public enum WrongType {
    /** The conversion fails, naming the record index and the field (exit code 2). */
    REJECT,
    /** The column stays null and the value's JSON text goes to the {@code extra} map under the field's path. */
    TEXT
}
