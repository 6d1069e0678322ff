package com.productflow.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class IsoTimeTest {

    @Test
    void theFastCanonicalFormOfUtcInstantsIsTheFullParsersOne() {
        List<String> cases = List.of(
                "2024-05-01T10:00:00Z", "2024-05-01T10:00:00.5Z", "2024-05-01T10:00:00.123456Z",
                "2024-05-01T10:00:00.1234567Z", "2024-05-01T10:00:00.999999999Z", "2024-02-29T23:59:59Z",
                "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z", "1969-12-31T23:59:59.9999995Z",
                "1900-02-28T12:00:00.000001Z");
        for (String text : cases) {
            assertThat(IsoTime.canonicalInstant(text)).as(text).isEqualTo(IsoTime.canonical(IsoTime.parseInstant(text)));
        }
        assertThat(IsoTime.canonicalInstant("2024-05-01T10:00:00.5Z")).isEqualTo("2024-05-01T10:00:00.500000Z");
        assertThat(IsoTime.canonicalInstant("1969-12-31T23:59:59.9999995Z")).isEqualTo("1969-12-31T23:59:59.999999Z");
    }

    @Test
    void randomInstantsAgreeWithTheFullParser() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L), random.nextInt(1_000_000_000));
            String text = t.truncatedTo(random.nextBoolean() ? ChronoUnit.SECONDS : ChronoUnit.NANOS).toString();
            assertThat(IsoTime.canonicalInstant(text)).as(text).isEqualTo(IsoTime.canonical(IsoTime.parseInstant(text)));
        }
    }

    @Test
    void otherShapesAndOffsetsStillGoThroughTheFullParser() {
        assertThat(IsoTime.canonicalInstant("2024-05-01T12:00:00+02:00")).isEqualTo("2024-05-01T10:00:00.000000Z");
        assertThat(IsoTime.canonicalInstant("2024-05-01T10:00Z")).isEqualTo("2024-05-01T10:00:00.000000Z");
    }

    @Test
    void oddOrInvalidInstantsEndAsTheFullParserEnds() {
        // Whatever the full parser makes of these (most fail, a few odd shapes are valid ISO), the fast path agrees.
        for (String text : List.of("2023-02-29T10:00:00Z", "2024-13-01T10:00:00Z", "2024-05-01T24:00:00Z", "2024-05-01T10:60:00Z",
                "2024-05-01T10:00:60Z", "2024-05-01T10:00:00.Z", "2024-05-01T10:00:00.1234567890Z", "0000-01-01T00:00:00Z",
                "2024-05-01T1a:00:00Z", "2024-05-01 10:00:00Z", "2024-05-01T10:00:00", "2024-00-10T10:00:00Z")) {
            assertThat(outcome(() -> IsoTime.canonicalInstant(text))).as(text)
                    .isEqualTo(outcome(() -> IsoTime.canonical(IsoTime.parseInstant(text))));
        }
        assertThatThrownBy(() -> IsoTime.canonicalInstant("2023-02-29T10:00:00Z")).isInstanceOf(DateTimeException.class)
                .hasMessageContaining("2023-02-29T10:00:00Z");
    }

    /** The value, or the exception's class and message. */
    private static String outcome(Supplier<String> s) {
        try {
            return s.get();
        } catch (DateTimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }
}
