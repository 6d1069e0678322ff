package com.productflow.bench.cold;

import com.productflow.bench.ConvertBenchmark;
import java.nio.file.Path;

/**
 * The whole-process reference of {@code bench convert --cold}: a JVM of its own that reads every token and
 * every value of a JSON file with Jackson ({@link ConvertBenchmark#parse}, the warm bench's reference a'),
 * then exits. What any converter must at least do, with its JVM start included.
 */
public final class ParseOnlyProcess {
    private ParseOnlyProcess() {}

    public static void main(String[] args) throws Exception {
        long sink = ConvertBenchmark.parse(Path.of(args[0]), true);
        System.out.println(sink); // keeps the parse's result alive
    }
}
