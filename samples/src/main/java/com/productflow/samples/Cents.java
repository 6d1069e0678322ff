package com.productflow.samples;

/** Cents as decimal text with two places: 3999 -> {@code 39.99}, 4500 -> {@code 45.00}. */
final class Cents {
    private Cents() {}

    static String text(long cents) {
        if (cents < 0) {
            throw new IllegalArgumentException("negative price: " + cents);
        }
        long fraction = cents % 100;
        return (cents / 100) + (fraction < 10 ? ".0" : ".") + fraction;
    }
}
