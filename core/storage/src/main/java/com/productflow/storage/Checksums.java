package com.productflow.storage;

import java.util.Base64;
import java.util.HexFormat;

/** S3 wants checksums in base64; productflow stores and prints hex. */
final class Checksums {
    private Checksums() {}

    static String hexToBase64(String hex) {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    }
}
