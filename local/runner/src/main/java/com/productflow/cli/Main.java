package com.productflow.cli;

import com.productflow.common.ProductflowException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code productflow} command line. Each subcommand is a small class that parses its flags,
 * builds settings, calls one core operation and prints a one-line JSON summary on stdout.
 * Exit codes: 0 success, 2 bad input or usage, 1 any other failure.
 */
@Command(
        name = "productflow",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {"Product-data pipelines: JSON to XML, S3 with checksums, file state, SQL to Kafka.",
            "Benchmarks: productflow bench --help (a program of its own, bench/)."},
        subcommands = {
            CommandLine.HelpCommand.class,
            ConvertCommand.class,
            SchemaCommand.class,
            GenerateCommand.class,
            LoadCsvCommand.class,
            ExtractCommand.class,
            FilesCommand.class,
            S3ConvertCommand.class,
            VerifyCommand.class,
            LocalCommand.class,
            EnvCommand.class,
            InvokeCommand.class,
            DemoCommand.class,
            ChaosCommand.class,
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // The handlers bring a log4j2.xml for Lambda (JSON on stdout); the CLI logs to stderr instead.
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "log4j2-cli.xml");
        }
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(Main::handleFailure);
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** Prints the failure as one line on stderr; no stack trace for expected failures. */
    private static int handleFailure(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        return ProductflowException.report(e, cli.getErr(), "productflow " + cli.getCommandName());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"productflow " + (version == null ? "dev" : version)};
        }
    }
}
