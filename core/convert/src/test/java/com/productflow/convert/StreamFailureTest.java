package com.productflow.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * I/O failures underneath are IOExceptions (exit 1; BadInputException is unchecked and unrelated); the helper threads never
 * outlive a call. Each case runs with one helper per side and with the single helper shared by both sides (local files).
 */
class StreamFailureTest {
    private static final byte[] BIG = ("[" + "{\"ean\":\"5713447649590\",\"t\":\"text & more\"},".repeat(100_000) + "{}]")
            .getBytes(StandardCharsets.UTF_8);

    @AfterEach
    void noHelperThreadsLeft() throws InterruptedException {
        for (int i = 0; i < 50 && helpers() > 0; i++) {
            Thread.sleep(20);
        }
        assertEquals(0, helpers(), "converter helper threads still running");
    }

    @ParameterizedTest(name = "shared helper {0}")
    @ValueSource(booleans = {false, true})
    void aFailingOutputStreamSurfacesAsIOException(boolean shared) {
        OutputStream broken = new OutputStream() {
            private long written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written += len;
                if (written > 1_000_000) {
                    throw new IOException("disk full");
                }
            }
        };
        IOException e = assertThrows(IOException.class,
                () -> new JsonToXmlConverter().convert(new ByteArrayInputStream(BIG), broken, ProgressListener.NONE, shared));
        assertTrue(e.getMessage().contains("disk full"), e.getMessage());
    }

    @ParameterizedTest(name = "shared helper {0}")
    @ValueSource(booleans = {false, true})
    void aFailingInputStreamSurfacesAsIOException(boolean shared) {
        InputStream broken = new InputStream() {
            private int pos;

            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (pos >= BIG.length / 2) {
                    throw new IOException("connection reset");
                }
                int n = Math.min(len, BIG.length / 2 - pos);
                System.arraycopy(BIG, pos, b, off, n);
                pos += n;
                return n;
            }
        };
        IOException e = assertThrows(IOException.class,
                () -> new JsonToXmlConverter().convert(broken, new ByteArrayOutputStream(), ProgressListener.NONE, shared));
        assertTrue(e.getMessage().contains("connection reset"), e.getMessage());
    }

    @ParameterizedTest(name = "shared helper {0}")
    @ValueSource(booleans = {false, true})
    void badInputStopsTheHelpers(boolean shared) {
        byte[] truncated = java.util.Arrays.copyOf(BIG, BIG.length / 2);
        assertThrows(MalformedInputException.class,
                () -> new JsonToXmlConverter().convert(new ByteArrayInputStream(truncated), new ByteArrayOutputStream(), ProgressListener.NONE, shared));
    }

    @ParameterizedTest(name = "shared helper {0}")
    @ValueSource(booleans = {false, true})
    void bigInputRoundTripsCountsAndHashes(boolean shared) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConversionResult r = new JsonToXmlConverter().convert(new ByteArrayInputStream(BIG), out, ProgressListener.NONE, shared);
        assertEquals(100_001, r.records());
        assertEquals(BIG.length, r.bytesIn());
        assertEquals(com.productflow.common.io.Sha256.of(BIG), r.inputSha256());
        assertEquals(com.productflow.common.io.Sha256.of(out.toByteArray()), r.outputSha256());
        assertEquals(out.size(), r.bytesOut());
        // Many 256 KB buffer boundaries: every element must still be intact.
        java.util.List<org.w3c.dom.Element> products = Xml.children(Xml.parse(out.toByteArray()).getDocumentElement());
        assertEquals(100_001, products.size());
        for (int i = 0; i < 100_000; i++) {
            assertEquals("text & more", Xml.child(products.get(i), "t").getTextContent());
            assertEquals("5713447649590", Xml.child(products.get(i), "ean").getTextContent());
        }
    }

    @Test
    void longKeysAcrossBufferBoundariesStayIntact() throws IOException {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 20_000; i++) {
            String key = "k" + "x".repeat(i % 97);
            json.append(i == 0 ? "" : ",").append("{\"").append(key).append("\":").append(i)
                    .append(",\"a b ").append(i % 13).append("\":[\"v\",").append(i).append("]}");
        }
        json.append("]");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JsonToXmlConverter().convert(new ByteArrayInputStream(json.toString().getBytes(StandardCharsets.UTF_8)), out);
        java.util.List<org.w3c.dom.Element> products = Xml.children(Xml.parse(out.toByteArray()).getDocumentElement());
        assertEquals(20_000, products.size());
        for (int i = 0; i < products.size(); i++) {
            java.util.List<org.w3c.dom.Element> fields = Xml.children(products.get(i));
            assertEquals("k" + "x".repeat(i % 97), fields.get(0).getTagName());
            assertEquals(String.valueOf(i), fields.get(0).getTextContent());
            assertEquals("a b " + (i % 13), fields.get(1).getAttribute("key"));
            assertEquals(String.valueOf(i), Xml.children(fields.get(1)).get(1).getTextContent());
        }
    }

    private static long helpers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("productflow-convert-") && t.isAlive()).count();
    }
}
