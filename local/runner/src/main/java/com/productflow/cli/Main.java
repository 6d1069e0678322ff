package com.productflow.cli;

import java.util.Arrays;
import java.util.Optional;

/**
 * The {@code productflow} program: runs a command line and exits with its code. The commands are
 * {@link ProductflowCommand}'s (picocli); a plain {@code convert} command line is read by {@link ConvertArgs} instead,
 * and nothing of picocli is loaded for it. This class names no picocli type that the JVM would have to load to
 * verify it (issue 17: a conversion's start-up).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // The handlers bring a log4j2.xml for Lambda (JSON on stdout); the CLI logs to stderr instead.
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "log4j2-cli.xml");
        }
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        if (args.length > 0 && args[0].equals("convert")) {
            Optional<ConvertArgs> convert = ConvertArgs.read(Arrays.copyOfRange(args, 1, args.length));
            if (convert.isPresent()) {
                return convert.get().run();
            }
        }
        return ProductflowCommand.commandLine(args).execute(args);
    }
}
