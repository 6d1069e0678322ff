package com.productflow.state;

import com.productflow.common.BadInputException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The order of the versions of one S3 key: the {@code sequencer} that S3 puts in every object event
 * ({@code s3.object.sequencer} in notifications, {@code detail.object.sequencer} in EventBridge
 * events), a hexadecimal string. AWS documents how to compare two: pad the shorter one with leading
 * zeros, then compare as strings; and only within one key (sequencers of different keys mean nothing
 * to each other). {@link #sortable()} is that padding applied up front to a fixed width, so that a plain
 * string comparison (a DynamoDB condition, for one) orders sequencers the same way. Kept upper case
 * without leading zeros, so equal sequencers are equal records.
 */
public record Sequencer(String hex) implements Comparable<Sequencer> {
    /** Longer than any sequencer S3 produces (16-20 hex digits today), so every one pads to this width. */
    public static final int WIDTH = 64;
    private static final Pattern HEX = Pattern.compile("[0-9A-F]{1," + WIDTH + "}");

    public Sequencer {
        hex = hex == null ? null : hex.strip().toUpperCase(Locale.ROOT);
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new BadInputException("an S3 event sequencer must be 1 to " + WIDTH + " hexadecimal digits, got '" + hex + "'");
        }
        // Leading zeros do not change the order, so they are dropped: equal sequencers are equal records.
        hex = hex.replaceFirst("^0+(?=.)", "");
    }

    /** The event's sequencer, or null when it carries none (a listing, a hand-written event). */
    public static Sequencer ofNullable(String text) {
        return text == null || text.isBlank() ? null : new Sequencer(text);
    }

    /** Left-padded with zeros to {@link #WIDTH}: ordered as text exactly as AWS orders sequencers. */
    public String sortable() {
        return "0".repeat(WIDTH - hex.length()) + hex;
    }

    /** Parses the {@link #sortable()} form back. */
    public static Sequencer fromSortable(String sortable) {
        return new Sequencer(sortable);
    }

    /** Padded comparison, as AWS documents it. Meaningful only for two sequencers of the same key. */
    @Override
    public int compareTo(Sequencer other) {
        return sortable().compareTo(other.sortable());
    }

    public boolean isNewerThan(Sequencer other) {
        return compareTo(other) > 0;
    }

    @Override
    public String toString() {
        return hex;
    }
}
