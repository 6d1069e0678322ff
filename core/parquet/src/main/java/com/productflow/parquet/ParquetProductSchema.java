package com.productflow.parquet;

import com.productflow.schema.FieldType;
import com.productflow.schema.ProductSchema;
import com.productflow.schema.SchemaField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * The Parquet schema of a {@link ProductSchema}: every field optional; string → BINARY (STRING),
 * int → INT32, boolean → BOOLEAN, decimal(p,s) → INT64 (DECIMAL(p,s)), date → INT32 (DATE),
 * timestamp → INT64 (TIMESTAMP(MICROS, UTC)), list → the standard three-level LIST
 * ({@code list.element}), struct → group; plus the last column {@code extra}, a MAP of STRING key →
 * JSON text value, holding whatever the schema does not know (unknown keys, and wrong-type values
 * when they are kept as text), keyed by path: {@code key}, {@code itemSellingPrices[2].price}.
 */
public final class ParquetProductSchema {
    public static final String EXTRA = "extra";

    private final MessageType messageType;
    private final Node root;

    public ParquetProductSchema(ProductSchema schema) {
        if (schema.record().field(EXTRA) != null) {
            throw new IllegalArgumentException("a product field may not be named '" + EXTRA + "' (the map of unknown keys)");
        }
        List<Type> columns = new ArrayList<>();
        for (SchemaField f : schema.record().fields()) {
            columns.add(type(f.name(), f.type()));
        }
        columns.add(Types.optionalGroup().as(LogicalTypeAnnotation.mapType())
                .addField(new GroupType(Repetition.REPEATED, "key_value",
                        Types.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("key"),
                        Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.jsonType()).named("value")))
                .named(EXTRA));
        this.messageType = new MessageType(schema.name(), columns);
        this.root = Node.of(schema.name(), schema.record(), -1);
    }

    public static ParquetProductSchema product() {
        return new ParquetProductSchema(ProductSchema.product());
    }

    public MessageType messageType() {
        return messageType;
    }

    /** The schema as Parquet's text form ({@code message product { optional binary ean (STRING); … }}). */
    public String text() {
        return messageType.toString();
    }

    Node root() {
        return root;
    }

    private static Type type(String name, FieldType type) {
        if (type instanceof FieldType.Scalar s) {
            return switch (s.kind()) {
                case STRING -> Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
                case INT -> Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(32, true)).named(name);
                case BOOLEAN -> Types.optional(PrimitiveTypeName.BOOLEAN).named(name);
                case DECIMAL -> Types.optional(PrimitiveTypeName.INT64)
                        .as(LogicalTypeAnnotation.decimalType(s.scale(), s.precision())).named(name);
                case DATE -> Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named(name);
                case TIMESTAMP -> Types.optional(PrimitiveTypeName.INT64)
                        .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named(name);
            };
        }
        if (type instanceof FieldType.ListOf l) {
            return Types.optionalGroup().as(LogicalTypeAnnotation.listType())
                    .addField(new GroupType(Repetition.REPEATED, "list", type("element", l.items())))
                    .named(name);
        }
        FieldType.Struct struct = (FieldType.Struct) type;
        List<Type> fields = new ArrayList<>();
        for (SchemaField f : struct.fields()) {
            fields.add(type(f.name(), f.type()));
        }
        return new GroupType(Repetition.OPTIONAL, name, fields);
    }

    /** The schema as the reader and writer walk it: kind, children by name and by position. */
    static final class Node {
        final String name;
        /** Position among the parent's fields (the Parquet field index); -1 for the root and list items. */
        final int index;
        /** Null for a list or struct. */
        final FieldType.Kind kind;
        final int scale;
        final int precision;
        /** The items of a list; null otherwise. */
        final Node items;
        /** The fields of a struct; null otherwise. */
        final Node[] fields;
        final Map<String, Node> byName;
        /** What the schema expects here, for messages: {@code decimal(18,4)}, {@code list}, {@code struct}. */
        final String expected;

        private Node(String name, int index, FieldType.Kind kind, int precision, int scale, Node items, Node[] fields,
                String expected) {
            this.name = name;
            this.index = index;
            this.kind = kind;
            this.precision = precision;
            this.scale = scale;
            this.items = items;
            this.fields = fields;
            this.expected = expected;
            this.byName = new HashMap<>();
            if (fields != null) {
                for (Node f : fields) {
                    byName.put(f.name, f);
                }
            }
        }

        static Node of(String name, FieldType type, int index) {
            if (type instanceof FieldType.Scalar s) {
                String expected = s.kind() == FieldType.Kind.DECIMAL
                        ? "decimal(" + s.precision() + "," + s.scale() + ")" : s.kind().name().toLowerCase(java.util.Locale.ROOT);
                return new Node(name, index, s.kind(), s.precision(), s.scale(), null, null, expected);
            }
            if (type instanceof FieldType.ListOf l) {
                return new Node(name, index, null, 0, 0, of("element", l.items(), -1), null, "list (JSON array)");
            }
            List<SchemaField> list = ((FieldType.Struct) type).fields();
            Node[] fields = new Node[list.size()];
            for (int i = 0; i < fields.length; i++) {
                fields[i] = of(list.get(i).name(), list.get(i).type(), i);
            }
            return new Node(name, index, null, 0, 0, null, fields, "struct (JSON object)");
        }

        boolean isList() {
            return items != null;
        }

        boolean isStruct() {
            return fields != null;
        }
    }
}
