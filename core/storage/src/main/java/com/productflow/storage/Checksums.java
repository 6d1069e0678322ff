package com.productflow.storage;

import com.productflow.common.io.Sha256;
import java.util.Base64;
import java.util.HexFormat;

/** S3 wants checksums in base64; productflow stores and prints hex. */
final class Checksums {
    private Checksums() {}

    static String sha256Base64(byte[] data, int length) {
        var digest = Sha256.newDigest();
        digest.update(data, 0, length);
        return Base64.getEncoder().encodeToString(digest.digest());
    }

    static String hexToBase64(String hex) {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    }
}
