package com.productflow.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;

/** docs/schemas/product.parquet.txt is the schema our files carry, and parses back to it. */
class PublishedSchemaTest {
    private static final Path TEXT = Path.of("../../docs/schemas/product.parquet.txt");

    @Test
    void publishedParquetSchemaIsTheGeneratedOne() throws IOException {
        String text = ParquetProductSchema.product().text() + "\n";
        if (Boolean.getBoolean("productflow.writeSchemas")) {
            Files.writeString(TEXT, text);
        }
        assertThat(Files.readString(TEXT)).isEqualTo(text);
        assertThat(MessageTypeParser.parseMessageType(text)).isEqualTo(ParquetProductSchema.product().messageType());
    }
}
