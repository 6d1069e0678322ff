package com.productflow.parquet;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * zstd for Parquet pages straight through zstd-jni, in place of parquet-java's {@code CodecFactory},
 * whose codecs implement Hadoop's {@code CompressionCodec} and so need Hadoop on the class path. Only
 * ZSTD and UNCOMPRESSED are offered. zstd-jni carries the natives of every platform we run on
 * (linux-amd64, linux-aarch64 for Lambda arm64, macOS).
 */
public final class ZstdCodecFactory implements CompressionCodecFactory {
    private final int level;

    public ZstdCodecFactory(int level) {
        this.level = level;
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return switch (codec) {
            case ZSTD -> new Compressor(level);
            case UNCOMPRESSED -> new Passthrough();
            default -> throw new IllegalArgumentException("codec " + codec + " is not available (zstd only)");
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return switch (codec) {
            case ZSTD -> new Decompressor();
            case UNCOMPRESSED -> new PassthroughDecompressor();
            default -> throw new IllegalArgumentException("codec " + codec + " is not available (zstd only)");
        };
    }

    @Override
    public void release() {}

    private static final class Compressor implements BytesInputCompressor {
        private final int level;

        Compressor(int level) {
            this.level = level;
        }

        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            return BytesInput.from(Zstd.compress(bytes.toByteArray(), level));
        }

        @Override
        public CompressionCodecName getCodecName() {
            return CompressionCodecName.ZSTD;
        }

        @Override
        public void release() {}
    }

    private static final class Passthrough implements BytesInputCompressor {
        @Override
        public BytesInput compress(BytesInput bytes) {
            return bytes;
        }

        @Override
        public CompressionCodecName getCodecName() {
            return CompressionCodecName.UNCOMPRESSED;
        }

        @Override
        public void release() {}
    }

    /** Used by readers (tests, tools); UNCOMPRESSED pages are handed back as they are. */
    private static final class Decompressor implements BytesInputDecompressor {
        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            return BytesInput.from(Zstd.decompress(bytes.toByteArray(), uncompressedSize));
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                throws IOException {
            byte[] in = new byte[compressedSize];
            input.duplicate().get(in);
            byte[] out = Zstd.decompress(in, uncompressedSize);
            output.duplicate().put(out);
        }

        @Override
        public void release() {}

    }

    private static final class PassthroughDecompressor implements BytesInputDecompressor {
        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) {
            return bytes;
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize) {
            ByteBuffer in = input.duplicate();
            in.limit(in.position() + compressedSize);
            output.duplicate().put(in);
        }

        @Override
        public void release() {}
    }
}
