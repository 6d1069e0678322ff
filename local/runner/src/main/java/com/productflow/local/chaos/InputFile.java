package com.productflow.local.chaos;

import com.productflow.samples.ProductGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * One file the campaign drops into the input bucket, its content made from the campaign's seed so a run can be
 * repeated: a JSON array of generated products, a large one (more than one upload part, so the upload and the
 * conversion's output both go multipart), or a malformed one (a valid file cut in the middle of a product).
 *
 * @param key   the object key in the input bucket
 * @param kind  what the file is
 * @param seed  the generator's seed for this file
 * @param size  products in a small or malformed file, bytes at least in a large one
 */
public record InputFile(String key, Kind kind, long seed, long size) {
    /** What a file is, and so how it must end. */
    public enum Kind {
        SMALL, LARGE, MALFORMED;

        /** True when the file must end COMPLETED (else FAILED or QUARANTINED with a reason). */
        public boolean wellFormed() {
            return this != MALFORMED;
        }
    }

    /** The file's bytes (the same every time: generated from {@link #seed}). */
    public byte[] content() {
        ProductGenerator generator = new ProductGenerator(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (kind == Kind.LARGE) {
                generator.writeUntilBytes(ProductGenerator.Format.JSON, size, out);
                return out.toByteArray();
            }
            generator.write(ProductGenerator.Format.JSON, size, out);
        } catch (IOException e) {
            throw new UncheckedIOException("generating " + key, e);
        }
        byte[] whole = out.toByteArray();
        // Cut inside the last product: the array and that object are never closed.
        return kind == Kind.MALFORMED ? Arrays.copyOf(whole, whole.length - whole.length / 4 - 2) : whole;
    }
}
