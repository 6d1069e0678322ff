package com.productflow.schema;

/** One named, optional field (null or absent is always allowed); {@code doc} may be empty. */
public record SchemaField(String name, FieldType type, String doc) {}
