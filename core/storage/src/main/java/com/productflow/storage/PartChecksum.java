package com.productflow.storage;

import com.productflow.common.io.Sha256;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * The S3 flexible checksum every uploaded part carries, computed by us from the part's buffer and
 * verified by the server before it stores the part (setting {@code S3_PART_CHECKSUM}).
 *
 * <p>Why CRC32C by default: the part checksum guards each part in transit (a corrupted part is
 * rejected and retried); the file's own SHA-256, which productflow records and {@code verify}
 * checks, is computed separately by the writer over the whole output and stored as metadata
 * {@code sha256}. CRC32C is what the AWS SDKs use for that job by default, it is a hardware
 * intrinsic in the JDK ({@link CRC32C}, an order of magnitude faster than SHA-256; figures in
 * {@code bench/RESULTS.md}), and the server pays the same difference when it checks each part. SHA-256 stays available for a server
 * reached over plain {@code http://} through a network that is not trusted: there the part body is
 * signed as {@code UNSIGNED-PAYLOAD} (see {@link ChecksummedBodySigner}), so only a cryptographic
 * checksum binds it to the signature (tampering with a CRC32C-guarded part is still caught
 * afterwards by the {@code sha256} the signed publication request stores and {@code verify} checks).
 * CRC64NVME is not offered: the SDK computes it only with the native CRT library.
 */
public enum PartChecksum {
    CRC32C("x-amz-checksum-crc32c"),
    CRC32("x-amz-checksum-crc32"),
    SHA256("x-amz-checksum-sha256");

    private final String header;

    PartChecksum(String header) {
        this.header = header;
    }

    /** The request header S3 reads this checksum from. */
    public String header() {
        return header;
    }

    /** The checksum of {@code data[0..length)} as S3 expects it: base64 of the big-endian digest. */
    public Value of(byte[] data, int length) {
        byte[] digest = switch (this) {
            case CRC32C -> crc(new CRC32C(), data, length);
            case CRC32 -> crc(new CRC32(), data, length);
            case SHA256 -> {
                var sha = Sha256.newDigest();
                sha.update(data, 0, length);
                yield sha.digest();
            }
        };
        return new Value(this, Base64.getEncoder().encodeToString(digest));
    }

    private static byte[] crc(Checksum crc, byte[] data, int length) {
        crc.update(data, 0, length);
        return ByteBuffer.allocate(Integer.BYTES).putInt((int) crc.getValue()).array();
    }

    /** One checksum value: its algorithm and the base64 text S3 sends and stores. */
    public record Value(PartChecksum algorithm, String base64) {}
}
