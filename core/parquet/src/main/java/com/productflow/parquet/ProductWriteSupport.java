package com.productflow.parquet;

import com.productflow.parquet.ParquetProductSchema.Node;
import java.util.List;
import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/** Writes {@link Row}s in the shape of {@link ParquetProductSchema} (Dremel's field/group events). */
final class ProductWriteSupport extends WriteSupport<Row> {
    private final MessageType type;
    private final Node root;
    private final Map<String, String> metadata;
    private RecordConsumer out;

    ProductWriteSupport(ParquetProductSchema schema, Map<String, String> metadata) {
        this.type = schema.messageType();
        this.root = schema.root();
        this.metadata = Map.copyOf(metadata);
    }

    /** Hadoop's entry point, kept only because it is abstract; parquet-java calls the other one. */
    @Override
    public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
        return new WriteContext(type, metadata);
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(type, metadata);
    }

    @Override
    public String getName() {
        return "productflow";
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    @Override
    public void write(Row row) {
        out.startMessage();
        fields(root.fields, row.values);
        if (!row.extraKeys.isEmpty()) {
            int index = root.fields.length;
            out.startField(ParquetProductSchema.EXTRA, index);
            out.startGroup();
            out.startField("key_value", 0);
            for (int i = 0; i < row.extraKeys.size(); i++) {
                out.startGroup();
                out.startField("key", 0);
                out.addBinary(row.extraKeys.get(i));
                out.endField("key", 0);
                out.startField("value", 1);
                out.addBinary(row.extraValues.get(i));
                out.endField("value", 1);
                out.endGroup();
            }
            out.endField("key_value", 0);
            out.endGroup();
            out.endField(ParquetProductSchema.EXTRA, index);
        }
        out.endMessage();
    }

    private void fields(Node[] fields, Object[] values) {
        for (int i = 0; i < fields.length; i++) {
            Object v = values[i];
            if (v != null) {
                Node f = fields[i];
                out.startField(f.name, i);
                value(f, v);
                out.endField(f.name, i);
            }
        }
    }

    private void value(Node node, Object v) {
        if (node.kind != null) {
            switch (node.kind) {
                case STRING -> out.addBinary((Binary) v);
                case INT, DATE -> out.addInteger((Integer) v);
                case DECIMAL, TIMESTAMP -> out.addLong((Long) v);
                case BOOLEAN -> out.addBoolean((Boolean) v);
            }
        } else if (node.isList()) {
            List<?> items = (List<?>) v;
            out.startGroup();
            if (!items.isEmpty()) {
                out.startField("list", 0);
                for (Object item : items) {
                    out.startGroup();
                    if (item != null) {
                        out.startField("element", 0);
                        value(node.items, item);
                        out.endField("element", 0);
                    }
                    out.endGroup();
                }
                out.endField("list", 0);
            }
            out.endGroup();
        } else {
            out.startGroup();
            fields(node.fields, (Object[]) v);
            out.endGroup();
        }
    }
}
