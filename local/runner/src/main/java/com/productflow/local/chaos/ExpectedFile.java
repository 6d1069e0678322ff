package com.productflow.local.chaos;

import com.productflow.common.io.Sha256;

/**
 * What the campaign knows of a file it dropped, to hold the system to: its key, the SHA-256 of the bytes it
 * uploaded (every upload of a key has the same bytes) and whether it must end COMPLETED.
 */
public record ExpectedFile(String key, String sha256, boolean wellFormed) {
    public static ExpectedFile of(InputFile file) {
        return new ExpectedFile(file.key(), Sha256.of(file.content()), file.kind().wellFormed());
    }
}
