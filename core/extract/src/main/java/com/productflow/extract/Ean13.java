package com.productflow.extract;

/**
 * EAN-13 validation: 13 ASCII digits whose last is the check digit (weights 1,3,1,3... from the left).
 * Kept here rather than shared with the samples module so the extract has no runtime dependency on it.
 */
public final class Ean13 {
    private Ean13() {}

    /** Null when {@code ean} is valid, else why not (for a reject reason). */
    public static String problem(String ean) {
        if (ean.length() != 13) {
            return "EAN must have 13 digits, got " + ean.length() + " characters";
        }
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            char c = ean.charAt(i);
            if (c < '0' || c > '9') {
                return "EAN must be digits only, got '" + c + "' at position " + (i + 1);
            }
            sum += (c - '0') * (i % 2 == 0 ? 1 : 3);
        }
        char last = ean.charAt(12);
        if (last < '0' || last > '9') {
            return "EAN must be digits only, got '" + last + "' at position 13";
        }
        int check = (10 - sum % 10) % 10;
        return last - '0' == check ? null : "EAN check digit is " + last + ", expected " + check;
    }

    public static boolean isValid(String ean) {
        return problem(ean) == null;
    }

    /** The check digit for 12 leading digits. */
    public static int checkDigit(CharSequence first12) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (first12.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return (10 - sum % 10) % 10;
    }
}
