package com.productflow.parquet;

import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.io.api.Binary;

/**
 * One product as it goes into Parquet: the values of the top-level fields by schema position
 * (Binary for strings, Integer for int and date, Long for decimal (unscaled) and timestamp (µs),
 * Boolean, {@code List<Object>} for lists, {@code Object[]} for structs; null for null or absent) and
 * the {@code extra} entries (path → JSON text), in input order.
 */
final class Row {
    final Object[] values;
    final List<Binary> extraKeys = new ArrayList<>();
    final List<Binary> extraValues = new ArrayList<>();

    Row(int fields) {
        this.values = new Object[fields];
    }

    void extra(String path, byte[] json) {
        extraKeys.add(Binary.fromString(path));
        extraValues.add(Binary.fromConstantByteArray(json));
    }
}
