package com.productflow.storage;

import java.util.Optional;

/** An object re-read: its size, the SHA-256 stored with it (if any) and the one just computed. */
public record VerifyResult(ObjectLocation location, long size, Optional<String> storedSha256, String actualSha256) {
    public boolean matches() {
        return storedSha256.map(actualSha256::equals).orElse(false);
    }
}
