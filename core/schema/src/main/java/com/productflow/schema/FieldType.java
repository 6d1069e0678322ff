package com.productflow.schema;

import java.util.List;

/** The type of a {@link SchemaField}: a scalar, a list of one item type, or a struct of named fields. */
public sealed interface FieldType permits FieldType.Scalar, FieldType.ListOf, FieldType.Struct {

    /** What a scalar holds. */
    enum Kind {
        /** UTF-8 text. */
        STRING,
        /** A 32-bit integer written as a JSON integer. */
        INT,
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** An exact decimal written as a JSON number, with at most {@code scale} fraction digits. */
        DECIMAL,
        /** An ISO-8601 calendar date ({@code 2026-11-20}) written as a JSON string. */
        DATE,
        /** An ISO-8601 instant with an offset ({@code 2026-11-19T16:05:42Z}) as a JSON string; kept in UTC, microseconds. */
        TIMESTAMP
    }

    /** {@code precision} and {@code scale} are used by {@link Kind#DECIMAL} only (0 otherwise). */
    record Scalar(Kind kind, int precision, int scale) implements FieldType {
        public Scalar {
            if (kind == Kind.DECIMAL && (precision < 1 || precision > 18 || scale < 0 || scale > precision)) {
                throw new IllegalArgumentException("decimal needs 1 <= precision <= 18 and 0 <= scale <= precision");
            }
        }

        public static Scalar of(Kind kind) {
            return new Scalar(kind, 0, 0);
        }
    }

    record ListOf(FieldType items) implements FieldType {}

    record Struct(List<SchemaField> fields) implements FieldType {
        public Struct {
            fields = List.copyOf(fields);
        }

        /** The field of that name, or null. */
        public SchemaField field(String name) {
            for (SchemaField f : fields) {
                if (f.name().equals(name)) {
                    return f;
                }
            }
            return null;
        }
    }
}
