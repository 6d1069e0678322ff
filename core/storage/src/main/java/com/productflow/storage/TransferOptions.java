package com.productflow.storage;

import static com.productflow.common.config.SettingsRegistry.S3_PARALLELISM;
import static com.productflow.common.config.SettingsRegistry.S3_PART_ATTEMPTS;
import static com.productflow.common.config.SettingsRegistry.S3_PART_CHECKSUM;
import static com.productflow.common.config.SettingsRegistry.S3_PART_SIZE;

/**
 * How transfers are cut and run. Memory for one transfer is at most {@code parallelism × partSize}
 * bytes of buffers (uploads and ranged downloads alike).
 *
 * @param partSize bytes per uploaded part and per ranged GET (S3 needs at least 5 MiB for every part but the last)
 * @param parallelism parts or ranges in flight at once, counting the one being filled or read
 * @param partAttempts tries per part before the whole transfer fails (the SDK's own retries are inside each try)
 * @param multipartCopyThreshold objects larger than this are published with parallel UploadPartCopy
 *     instead of one CopyObject (which S3 caps at 5 GiB)
 * @param copyPartSize bytes per UploadPartCopy part
 * @param partChecksum the flexible checksum each uploaded part carries for the server to verify
 */
public record TransferOptions(int partSize, int parallelism, int partAttempts, long multipartCopyThreshold, long copyPartSize,
        PartChecksum partChecksum) {
    public static final int MIB = 1 << 20;
    /** S3's limits. */
    public static final int MIN_PART_SIZE = 5 * MIB;
    public static final long MAX_SINGLE_COPY = 5L << 30;
    public static final int MAX_PARTS = 10_000;

    // The defaults of the S3_* settings are the registry's.
    public static final int DEFAULT_PART_SIZE = S3_PART_SIZE.defaultValue().orElseThrow().intValue();
    public static final int DEFAULT_PARALLELISM = S3_PARALLELISM.defaultValue().orElseThrow();
    public static final int DEFAULT_PART_ATTEMPTS = S3_PART_ATTEMPTS.defaultValue().orElseThrow();
    public static final long DEFAULT_MULTIPART_COPY_THRESHOLD = 512L * MIB;
    public static final long DEFAULT_COPY_PART_SIZE = 128L * MIB;
    public static final PartChecksum DEFAULT_PART_CHECKSUM = PartChecksum.valueOf(S3_PART_CHECKSUM.defaultValue().orElseThrow());

    public TransferOptions {
        if (partSize < 1) {
            throw new IllegalArgumentException("partSize must be positive");
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be positive");
        }
        if (partAttempts < 1) {
            throw new IllegalArgumentException("partAttempts must be positive");
        }
        if (multipartCopyThreshold < 0 || multipartCopyThreshold > MAX_SINGLE_COPY) {
            throw new IllegalArgumentException("multipartCopyThreshold must be between 0 and 5 GiB");
        }
        if (copyPartSize < 1 || copyPartSize > MAX_SINGLE_COPY) {
            throw new IllegalArgumentException("copyPartSize must be between 1 byte and 5 GiB");
        }
        if (partChecksum == null) {
            throw new IllegalArgumentException("partChecksum must be given");
        }
    }

    /** As the canonical constructor, with the default part checksum. */
    public TransferOptions(int partSize, int parallelism, int partAttempts, long multipartCopyThreshold, long copyPartSize) {
        this(partSize, parallelism, partAttempts, multipartCopyThreshold, copyPartSize, DEFAULT_PART_CHECKSUM);
    }

    public static TransferOptions defaults() {
        return new TransferOptions(DEFAULT_PART_SIZE, DEFAULT_PARALLELISM, DEFAULT_PART_ATTEMPTS,
                DEFAULT_MULTIPART_COPY_THRESHOLD, DEFAULT_COPY_PART_SIZE, DEFAULT_PART_CHECKSUM);
    }

    public TransferOptions withPartSize(int size) {
        return new TransferOptions(size, parallelism, partAttempts, multipartCopyThreshold, copyPartSize, partChecksum);
    }

    public TransferOptions withParallelism(int n) {
        return new TransferOptions(partSize, n, partAttempts, multipartCopyThreshold, copyPartSize, partChecksum);
    }

    public TransferOptions withPartAttempts(int n) {
        return new TransferOptions(partSize, parallelism, n, multipartCopyThreshold, copyPartSize, partChecksum);
    }

    public TransferOptions withMultipartCopy(long threshold, long partBytes) {
        return new TransferOptions(partSize, parallelism, partAttempts, threshold, partBytes, partChecksum);
    }

    public TransferOptions withPartChecksum(PartChecksum checksum) {
        return new TransferOptions(partSize, parallelism, partAttempts, multipartCopyThreshold, copyPartSize, checksum);
    }

    /** Memory the buffers of one transfer may take at most. */
    public long maxBufferBytes() {
        return (long) partSize * parallelism;
    }
}
