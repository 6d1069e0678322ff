package com.productflow.common;

/**
 * EAN-13 (GS1 mod-10): 13 ASCII digits whose last is the check digit; digits at odd positions (1st,
 * 3rd, ...) weigh 1, even positions weigh 3, and the check digit brings the weighted sum to a
 * multiple of 10. The loader validates with it, the sample generator makes codes with it.
 */
public final class Ean13 {
    private Ean13() {}

    /** Null when {@code ean} is valid, else why not (for a reject reason). */
    public static String problem(String ean) {
        if (ean.length() != 13) {
            return "EAN must have 13 digits, got " + ean.length() + " characters";
        }
        for (int i = 0; i < 13; i++) {
            char c = ean.charAt(i);
            if (c < '0' || c > '9') {
                return "EAN must be digits only, got '" + c + "' at position " + (i + 1);
            }
        }
        int check = checkDigit(ean);
        char last = ean.charAt(12);
        return last - '0' == check ? null : "EAN check digit is " + last + ", expected " + check;
    }

    /** True when {@code ean} is exactly 13 ASCII digits and its last digit is the right check digit. */
    public static boolean isValid(CharSequence ean) {
        return ean != null && problem(ean.toString()) == null;
    }

    /** The check digit for the first 12 digits of {@code digits} (which may be 12 or 13 long). */
    public static int checkDigit(CharSequence digits) {
        if (digits == null || digits.length() < 12) {
            throw new IllegalArgumentException("need 12 digits, got " + digits);
        }
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            int d = digits.charAt(i) - '0';
            if (d < 0 || d > 9) {
                throw new IllegalArgumentException("not a digit at position " + (i + 1) + ": " + digits);
            }
            sum += (i % 2 == 0) ? d : 3 * d;
        }
        return (10 - sum % 10) % 10;
    }

    /** The 13-digit EAN for a 12-digit base number (0 to 999,999,999,999), zero-padded. */
    public static String of(long base12) {
        if (base12 < 0 || base12 > 999_999_999_999L) {
            throw new IllegalArgumentException("EAN base must have at most 12 digits: " + base12);
        }
        char[] out = new char[13];
        long rest = base12;
        for (int i = 11; i >= 0; i--) {
            out[i] = (char) ('0' + rest % 10);
            rest /= 10;
        }
        out[12] = (char) ('0' + checkDigit(new String(out, 0, 12)));
        return new String(out);
    }
}
