package com.productflow.samples;

import java.time.LocalDate;

/** ISO-8601 UTC instants to the second ({@code 2026-11-20T08:15:30Z}) without a formatter per call. */
final class IsoTime {
    private IsoTime() {}

    static String instant(long epochSecond) {
        long day = Math.floorDiv(epochSecond, 86_400L);
        int secondOfDay = (int) Math.floorMod(epochSecond, 86_400L);
        LocalDate date = LocalDate.ofEpochDay(day);
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            return java.time.Instant.ofEpochSecond(epochSecond).toString();
        }
        char[] c = new char[20];
        four(c, 0, year);
        c[4] = '-';
        two(c, 5, date.getMonthValue());
        c[7] = '-';
        two(c, 8, date.getDayOfMonth());
        c[10] = 'T';
        two(c, 11, secondOfDay / 3600);
        c[13] = ':';
        two(c, 14, secondOfDay / 60 % 60);
        c[16] = ':';
        two(c, 17, secondOfDay % 60);
        c[19] = 'Z';
        return new String(c);
    }

    private static void four(char[] c, int at, int v) {
        c[at] = (char) ('0' + v / 1000);
        c[at + 1] = (char) ('0' + v / 100 % 10);
        c[at + 2] = (char) ('0' + v / 10 % 10);
        c[at + 3] = (char) ('0' + v % 10);
    }

    private static void two(char[] c, int at, int v) {
        c[at] = (char) ('0' + v / 10);
        c[at + 1] = (char) ('0' + v % 10);
    }
}
