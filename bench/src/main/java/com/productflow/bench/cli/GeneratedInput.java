package com.productflow.bench.cli;

import com.productflow.bench.ConvertBenchmark;
import com.productflow.common.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The flags of the benchmarks that first generate product JSON ({@code bench convert}, {@code bench parquet}):
 * its size, the alternating rounds, the work folder, keeping the input; and the run around a measurement.
 * A command mixes it in with its own defaults: {@code @Mixin GeneratedInput input = new GeneratedInput(500, 5);}
 * (picocli takes the field's value, and shows its initial values as the defaults).
 */
@Command // picocli takes a class as a mixin only when it carries one of its annotations
final class GeneratedInput {
    @Option(names = "--size-mb", description = "Input size in MB (default ${DEFAULT-VALUE}).")
    int sizeMb;

    @Option(names = "--rounds", description = "Alternating rounds; the best counts (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--dir", description = "Work folder (default: <tmp>/productflow-bench).")
    Path dir;

    @Option(names = "--keep", description = "Keep the generated input for the next run.")
    boolean keep;

    GeneratedInput(int sizeMb, int rounds) {
        this.sizeMb = sizeMb;
        this.rounds = rounds;
    }

    /** A measurement on the generated input, in the work folder. */
    interface Measurement {
        void measure(Path input, Path work) throws Exception;
    }

    /** Checks the flags, generates the input (or reuses a kept one), measures, and deletes the input unless --keep. */
    int run(Measurement measurement) throws Exception {
        if (sizeMb < 1 || rounds < 1) {
            throw new BadInputException("--size-mb and --rounds must be at least 1");
        }
        Path work = dir != null ? dir : Path.of(System.getProperty("java.io.tmpdir"), "productflow-bench");
        Path input = ConvertBenchmark.products(work, sizeMb, System.err);
        try {
            measurement.measure(input, work);
        } finally {
            if (!keep) {
                Files.deleteIfExists(input);
            }
        }
        return 0;
    }
}
