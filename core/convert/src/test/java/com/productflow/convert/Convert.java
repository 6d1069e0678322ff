package com.productflow.convert;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/** Test shorthand: convert bytes or text in memory. */
final class Convert {
    private Convert() {}

    record Output(ConversionResult result, byte[] xml) {
        String text() {
            return new String(xml, StandardCharsets.UTF_8);
        }
    }

    static Output bytes(byte[] json, ConversionOptions options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ConversionResult r = new JsonToXmlConverter(options).convert(new ByteArrayInputStream(json), out);
            return new Output(r, out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Output text(String json) {
        return bytes(json.getBytes(StandardCharsets.UTF_8), ConversionOptions.defaults());
    }

    static Output text(String json, ConversionOptions options) {
        return bytes(json.getBytes(StandardCharsets.UTF_8), options);
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
