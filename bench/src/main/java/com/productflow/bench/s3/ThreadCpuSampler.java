package com.productflow.bench.s3;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Samples the CPU time of every thread of this JVM every 50 ms while a run lasts and sums it per
 * thread group (name with digits removed), so short-lived pool threads count too (up to one interval
 * of each is lost when it ends). Shows where a run's CPU goes without a profiler.
 */
public final class ThreadCpuSampler {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> first = new HashMap<>();
    private final Map<Long, Long> last = new HashMap<>();
    private final Map<Long, String> names = new HashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    private ThreadCpuSampler() {
        sample(true);
        sampler = new Thread(() -> {
            while (running) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
                sample(false);
            }
        }, "bench-cpu-sampler");
        sampler.setDaemon(true);
    }

    public static ThreadCpuSampler start() {
        ThreadCpuSampler s = new ThreadCpuSampler();
        s.sampler.start();
        return s;
    }

    private synchronized void sample(boolean baseline) {
        for (long id : threads.getAllThreadIds()) {
            long cpu = threads.getThreadCpuTime(id);
            if (cpu < 0) {
                continue;
            }
            if (!names.containsKey(id)) {
                var info = threads.getThreadInfo(id);
                if (info == null) {
                    continue;
                }
                names.put(id, info.getThreadName().replaceAll("[0-9]+", "#"));
                first.put(id, baseline ? cpu : 0L);
            }
            last.put(id, cpu);
        }
    }

    /** Stops sampling; CPU seconds per thread group, largest first, groups under 0.05 s left out. */
    public String stop() {
        running = false;
        sampler.interrupt();
        sample(false);
        Map<String, Double> groups = new TreeMap<>();
        synchronized (this) {
            for (var e : last.entrySet()) {
                double seconds = (e.getValue() - first.get(e.getKey())) / 1e9;
                groups.merge(names.get(e.getKey()), seconds, Double::sum);
            }
        }
        return groups.entrySet().stream().filter(e -> e.getValue() >= 0.05)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
