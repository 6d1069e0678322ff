package com.productflow.common.io;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** SHA-256 as lowercase hex, the one form productflow stores and compares. */
public final class Sha256 {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    private Sha256() {}

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    public static String hex(MessageDigest digest) {
        return hex(digest.digest());
    }

    public static String of(byte[] bytes) {
        return hex(newDigest().digest(bytes));
    }

    /** True when {@code value} is in the stored form: 64 lower-case hex characters. */
    public static boolean isHex(String value) {
        return value != null && HEX.matcher(value).matches();
    }

    /**
     * Returns {@code value} if it is in the stored form, else fails naming {@code name}: the one check
     * of a SHA-256 that is already supposed to be ours (records, outputs), unlike {@link #normalize}.
     */
    public static String requireHex(String value, String name) {
        if (!isHex(value)) {
            throw new IllegalArgumentException(name + " must be 64 lower-case hex characters, got '" + value + "'");
        }
        return value;
    }

    /** Lowercases a checksum given by a person or another system; empty if it is not 64 hex digits. */
    public static java.util.Optional<String> normalize(String text) {
        if (text == null) {
            return java.util.Optional.empty();
        }
        String lower = text.strip().toLowerCase(Locale.ROOT);
        return isHex(lower) ? java.util.Optional.of(lower) : java.util.Optional.empty();
    }
}
