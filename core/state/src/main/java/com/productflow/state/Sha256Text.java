package com.productflow.state;

import java.util.regex.Pattern;

/** Checks that a checksum is 64 lower-case hex characters, as {@code Sha256} produces. */
final class Sha256Text {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    private Sha256Text() {}

    static void require(String value, String name) {
        if (value == null || !HEX64.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be 64 lower-case hex characters, got '" + value + "'");
        }
    }
}
