package com.productflow.cli;

import com.productflow.bench.KafkaBench;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code productflow bench ...}: on-demand benchmarks, each against a reference measured in the same run. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "On-demand benchmarks (see bench/RESULTS.md).",
        subcommands = {BenchCommand.Kafka.class})
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a benchmark is required, e.g. bench kafka");
    }

    /** SQL → Kafka: load-csv vs sqlite3 .import, extract vs Kafka's ProducerPerformance. */
    @Command(
            name = "kafka",
            mixinStandardHelpOptions = true,
            description = {
                "Generate N products; load-csv them vs sqlite3 .import; publish them with extract vs Kafka's",
                "ProducerPerformance on one in-process broker. Progress on stderr, one JSON line of figures on stdout."
            })
    static final class Kafka implements Callable<Integer> {
        @Option(names = "--count", paramLabel = "N", defaultValue = "1000000", description = "Products (default ${DEFAULT-VALUE}).")
        long count;

        @Override
        public Integer call() throws Exception {
            if (count < 1000) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--count must be at least 1000");
            }
            System.out.println(new KafkaBench(count, System.err).run());
            return 0;
        }
    }
}
