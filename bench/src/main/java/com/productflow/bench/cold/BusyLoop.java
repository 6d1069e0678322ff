package com.productflow.bench.cold;

/**
 * The competitor of {@code bench convert --cold --competitor}: one thread spinning on arithmetic in a
 * process of its own, not pinned to a core (the scheduler places it, as another engineer's build would be
 * placed), until it is killed. It allocates nothing and touches no file, so it competes for CPU only.
 */
public final class BusyLoop {
    private static volatile long sink;

    private BusyLoop() {}

    public static void main(String[] args) {
        long x = 1;
        while (true) {
            for (int i = 0; i < 100_000_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
            sink = x;
        }
    }
}
