package com.productflow.local.chaos;

import com.productflow.storage.ObjectInfo;
import com.productflow.storage.ObjectLocation;
import com.productflow.storage.ObjectTransfers;
import com.productflow.storage.VerifyResult;
import java.io.IOException;
import java.util.Optional;

/**
 * One object as it is stored, read back whole: its entity tag, the {@code sha256} metadata it carries and the
 * SHA-256 of its bytes.
 */
public record StoredObjectCheck(String key, String eTag, long size, Optional<String> storedSha256, String actualSha256) {

    public static StoredObjectCheck read(ObjectTransfers transfers, ObjectLocation location) throws IOException {
        ObjectInfo info = transfers.require(location);
        VerifyResult verified = transfers.verify(location);
        return new StoredObjectCheck(location.key(), stripQuotes(info.eTag()), verified.size(), verified.storedSha256(),
                verified.actualSha256());
    }

    /** The stored SHA-256 is there and is the bytes'. */
    public boolean intact() {
        return storedSha256.map(actualSha256::equals).orElse(false);
    }

    private static String stripQuotes(String eTag) {
        return eTag == null ? null : eTag.replace("\"", "");
    }
}
