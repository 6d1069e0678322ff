package com.productflow.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EAN13Test {
    @Test
    void knownCodesAreValid() {
        assertThat(Ean13.isValid("5713447649590")).isTrue(); // the example of docs/data.md
        assertThat(Ean13.isValid("4006381333931")).isTrue(); // the GS1/Wikipedia example
        assertThat(Ean13.isValid("0000000000000")).isTrue();
        assertThat(Ean13.checkDigit("400638133393")).isEqualTo(1);
        assertThat(Ean13.checkDigit("5713447649590")).isEqualTo(0); // a 13th digit is ignored
    }

    @Test
    void everyWrongCheckDigitIsRejected() {
        for (int d = 0; d <= 9; d++) {
            assertThat(Ean13.isValid("400638133393" + d)).as("check digit %d", d).isEqualTo(d == 1);
        }
    }

    @Test
    void malformedCodesAreInvalidNotErrors() {
        assertThat(Ean13.isValid(null)).isFalse();
        assertThat(Ean13.isValid("")).isFalse();
        assertThat(Ean13.isValid("400638133393")).isFalse();   // 12 digits
        assertThat(Ean13.isValid("40063813339310")).isFalse(); // 14 digits
        assertThat(Ean13.isValid("40063813339 1")).isFalse();
        assertThat(Ean13.isValid("４００６３８１３３３９３１")).isFalse(); // full-width digits are not ASCII
        assertThatThrownBy(() -> Ean13.checkDigit("12345")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ean13.checkDigit("12345678901x")).hasMessageContaining("position 12");
    }

    @Test
    void ofPadsAndAppendsTheCheckDigit() {
        assertThat(Ean13.of(400638133393L)).isEqualTo("4006381333931");
        assertThat(Ean13.of(42L)).isEqualTo("0000000000420").satisfies(ean -> assertThat(Ean13.isValid(ean)).isTrue());
        assertThatThrownBy(() -> Ean13.of(1_000_000_000_000L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ean13.of(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
