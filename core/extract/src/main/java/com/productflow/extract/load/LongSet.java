package com.productflow.extract.load;

/**
 * A set of non-negative longs with open addressing: remembers every EAN of a load (13 digits fit in a
 * long) in 8 bytes each plus slack, where a HashSet of Strings would take about ten times more.
 */
final class LongSet {
    private static final long EMPTY = -1L;
    private long[] slots = newSlots(1 << 16);
    private int size;

    /** Adds {@code value} (>= 0); false when it was already there. */
    boolean add(long value) {
        if (size * 2 >= slots.length) {
            grow();
        }
        return insert(slots, value);
    }

    int size() {
        return size;
    }

    private boolean insert(long[] table, long value) {
        int mask = table.length - 1;
        int i = (int) (mix(value) & mask);
        while (table[i] != EMPTY) {
            if (table[i] == value) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = value;
        size++;
        return true;
    }

    private void grow() {
        long[] old = slots;
        slots = newSlots(old.length * 2);
        size = 0;
        for (long v : old) {
            if (v != EMPTY) {
                insert(slots, v);
            }
        }
    }

    private static long[] newSlots(int n) {
        long[] table = new long[n];
        java.util.Arrays.fill(table, EMPTY);
        return table;
    }

    private static long mix(long v) {
        v ^= v >>> 33;
        v *= 0xff51afd7ed558ccdL;
        v ^= v >>> 33;
        return v;
    }
}
