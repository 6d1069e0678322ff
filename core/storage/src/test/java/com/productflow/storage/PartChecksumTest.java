package com.productflow.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Part checksums in S3's wire form (base64 of the big-endian digest), against the algorithms' check values. */
class PartChecksumTest {
    private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

    @Test
    void crc32cOfTheCheckStringIsE3069283() {
        // 0xE3069283 big-endian = e3 06 92 83
        assertThat(PartChecksum.CRC32C.of(CHECK, CHECK.length).base64()).isEqualTo("4waSgw==");
    }

    @Test
    void crc32OfTheCheckStringIsCbf43926() {
        assertThat(PartChecksum.CRC32.of(CHECK, CHECK.length).base64()).isEqualTo("y/Q5Jg==");
    }

    @Test
    void sha256IsTheDigestInBase64() {
        assertThat(PartChecksum.SHA256.of(CHECK, CHECK.length).base64())
                .isEqualTo("FeKw08M4keuw8e9gnsQZQgwg4yDOlMZfvIwzEkSOsiU=");
    }

    @Test
    void onlyTheGivenLengthCounts() {
        byte[] padded = new byte[CHECK.length + 5];
        System.arraycopy(CHECK, 0, padded, 0, CHECK.length);
        padded[CHECK.length] = 42;
        for (PartChecksum algorithm : PartChecksum.values()) {
            assertThat(algorithm.of(padded, CHECK.length)).isEqualTo(algorithm.of(CHECK, CHECK.length));
        }
    }

    @Test
    void headersAreTheS3Names() {
        assertThat(PartChecksum.CRC32C.header()).isEqualTo("x-amz-checksum-crc32c");
        assertThat(PartChecksum.SHA256.header()).isEqualTo("x-amz-checksum-sha256");
    }
}
