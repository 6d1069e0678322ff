package com.productflow.cli;

import com.productflow.common.ProductflowException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code productflow} command line as picocli reads it. Each subcommand is a small class that parses its flags,
 * builds settings, calls one core operation and prints a one-line JSON summary on stdout.
 * Exit codes: 0 success, 2 bad input or usage, 1 any other failure. {@link Main} starts it.
 */
@Command(
        name = "productflow",
        mixinStandardHelpOptions = true,
        versionProvider = ProductflowCommand.Version.class,
        description = {"Product-data pipelines: JSON to XML, S3 with checksums, file state, SQL to Kafka.",
            "Benchmarks: productflow bench --help (a program of its own, bench/)."})
// No subcommands in the annotation: commandLine(args) adds the one a command line runs (see COMMANDS).
public final class ProductflowCommand implements Runnable {
    /**
     * Every command, in the order {@code --help} lists them. picocli builds the model of every command it is given
     * (reflecting over its options, loading the classes of their fields: the local stack's, Jackson's databind), so
     * a command line that names one gets only that one: ~0.2 s of CPU saved before {@code convert} reads a
     * byte (bench/RESULTS.md, issue 17). {@code --version} alone gets none; {@code --help}, {@code help}, an unknown name
     * or none get them all.
     */
    static final List<String> COMMANDS = List.of("convert", "schema", "generate", "load-csv", "extract", "files",
            "s3-convert", "verify", "local", "env", "invoke", "demo", "chaos");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The command line that runs {@code args}: this program with the one command they name, else with all of them. */
    static CommandLine commandLine(String... args) {
        CommandLine cli = new CommandLine(new ProductflowCommand());
        Object named = args.length == 0 ? null : command(args[0]);
        boolean versionOnly = args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
        if (named != null) {
            cli.addSubcommand(named);
        } else if (!versionOnly) {
            cli.addSubcommand(new CommandLine.HelpCommand());
            COMMANDS.forEach(name -> cli.addSubcommand(command(name)));
        }
        // After the subcommands: picocli gives a subcommand the handler set when it is added, or this call.
        cli.setExecutionExceptionHandler(ProductflowCommand::handleFailure);
        return cli;
    }

    /** A new instance of the command {@code name}, null when there is none by that name. A switch, not a table of
     * classes or constructors: only the command run is loaded. */
    static Object command(String name) {
        return switch (name) {
            case "convert" -> new ConvertCommand();
            case "schema" -> new SchemaCommand();
            case "generate" -> new GenerateCommand();
            case "load-csv" -> new LoadCsvCommand();
            case "extract" -> new ExtractCommand();
            case "files" -> new FilesCommand();
            case "s3-convert" -> new S3ConvertCommand();
            case "verify" -> new VerifyCommand();
            case "local" -> new LocalCommand();
            case "env" -> new EnvCommand();
            case "invoke" -> new InvokeCommand();
            case "demo" -> new DemoCommand();
            case "chaos" -> new ChaosCommand();
            default -> null;
        };
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
            String version = ProductflowCommand.class.getPackage().getImplementationVersion();
            return new String[] {"productflow " + (version == null ? "dev" : version)};
        }
    }
}
