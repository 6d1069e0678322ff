package com.productflow.parquet;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads our Parquet files back with parquet-java's own reader (ParquetFileReader and the example Group converter; ParquetReader itself needs Hadoop) into
 * plain Java values: String, Integer, Boolean, BigDecimal, LocalDate, Instant, List, Map (structs and
 * the extra map, in schema order; absent fields are missing from the map).
 */
final class ParquetRows {
    private ParquetRows() {}

    static List<Map<String, Object>> read(Path file) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration())
                .withCodecFactory(new ZstdCodecFactory(3)).build();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                RecordReader<Group> records = io.getRecordReader(pages, new GroupRecordConverter(schema));
                for (long i = 0; i < pages.getRowCount(); i++) {
                    Group g = records.read();
                    rows.add(struct(g, g.getType()));
                }
            }
        }
        return rows;
    }

    private static Map<String, Object> struct(Group g, GroupType type) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < type.getFieldCount(); i++) {
            if (g.getFieldRepetitionCount(i) > 0) {
                out.put(type.getFieldName(i), value(g, i, 0, type.getType(i)));
            }
        }
        return out;
    }

    private static Object value(Group g, int field, int index, Type type) {
        if (type.isPrimitive()) {
            PrimitiveType p = type.asPrimitiveType();
            LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
            if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
                return new BigDecimal(BigInteger.valueOf(g.getLong(field, index)), d.getScale());
            }
            if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                return LocalDate.ofEpochDay(g.getInteger(field, index));
            }
            if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) {
                long micros = g.getLong(field, index);
                return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
            }
            return switch (p.getPrimitiveTypeName()) {
                case BINARY -> new String(g.getBinary(field, index).getBytes(), StandardCharsets.UTF_8);
                case INT32 -> g.getInteger(field, index);
                case BOOLEAN -> g.getBoolean(field, index);
                default -> throw new IllegalStateException(type.toString());
            };
        }
        Group group = g.getGroup(field, index);
        GroupType gt = type.asGroupType();
        LogicalTypeAnnotation logical = gt.getLogicalTypeAnnotation();
        if (logical instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
            List<Object> items = new ArrayList<>();
            int n = group.getFieldRepetitionCount(0);
            for (int i = 0; i < n; i++) {
                Group item = group.getGroup(0, i);
                items.add(item.getFieldRepetitionCount(0) == 0 ? null
                        : value(item, 0, 0, gt.getType(0).asGroupType().getType(0)));
            }
            return items;
        }
        if (logical instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation) {
            Map<String, Object> map = new LinkedHashMap<>();
            int n = group.getFieldRepetitionCount(0);
            for (int i = 0; i < n; i++) {
                Group kv = group.getGroup(0, i);
                map.put(kv.getString(0, 0), kv.getFieldRepetitionCount(1) == 0 ? null : kv.getString(1, 0));
            }
            return map;
        }
        return struct(group, gt);
    }

    static ParquetConfiguration conf() {
        return new PlainParquetConfiguration();
    }
}
