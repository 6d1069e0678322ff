package com.productflow.common.config;

import java.util.Locale;

/** Sizes in bytes as settings write them: {@code 8388608}, {@code 8MiB}, {@code 8MB}, {@code 64KiB}, {@code 1GiB}. */
final class Sizes {
    private Sizes() {}

    static long parse(String text) {
        String t = text.strip();
        int split = 0;
        while (split < t.length() && Character.isDigit(t.charAt(split))) {
            split++;
        }
        if (split == 0) {
            throw new IllegalArgumentException("must be a size like 8388608, 8MiB or 64KiB, got '" + text + "'");
        }
        long multiplier = switch (t.substring(split).strip().toLowerCase(Locale.ROOT)) {
            case "", "b" -> 1L;
            case "k", "kb", "kib" -> 1L << 10;
            case "m", "mb", "mib" -> 1L << 20;
            case "g", "gb", "gib" -> 1L << 30;
            default -> throw new IllegalArgumentException("has an unknown size unit in '" + text + "' (use KiB, MiB or GiB)");
        };
        try {
            return Math.multiplyExact(Long.parseLong(t.substring(0, split)), multiplier);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("is too large: '" + text + "'");
        }
    }

    /** The shortest exact spelling: 8MiB, 256KiB, 1000. */
    static String format(long bytes) {
        if (bytes != 0 && bytes % (1L << 30) == 0) {
            return bytes / (1L << 30) + "GiB";
        }
        if (bytes != 0 && bytes % (1L << 20) == 0) {
            return bytes / (1L << 20) + "MiB";
        }
        if (bytes != 0 && bytes % (1L << 10) == 0) {
            return bytes / (1L << 10) + "KiB";
        }
        return Long.toString(bytes);
    }
}
