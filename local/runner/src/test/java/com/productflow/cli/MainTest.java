package com.productflow.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.productflow.local.SampleFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Which commands a command line builds: only the one it names (start-up, issue 17), all of them for help; a plain
 * convert is run without picocli. */
class MainTest {
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @Test
    void everyNameCreatesTheCommandOfThatName() {
        for (String name : ProductflowCommand.COMMANDS) {
            assertThat(new CommandLine(ProductflowCommand.command(name)).getCommandName()).isEqualTo(name);
        }
        assertThat(ProductflowCommand.command("help")).as("picocli's help command is added with all of them").isNull();
        assertThat(ProductflowCommand.command("no-such-command")).isNull();
    }

    @Test
    void aCommandLineThatNamesACommandBuildsOnlyThatOne() {
        assertThat(ProductflowCommand.commandLine("convert", "--input", "a.json", "--output", "a.xml").getSubcommands())
                .containsOnlyKeys("convert");
        assertThat(ProductflowCommand.commandLine("files", "list").getSubcommands()).containsOnlyKeys("files");
        assertThat(ProductflowCommand.commandLine("files", "list").getSubcommands().get("files").getSubcommands())
                .as("a command's own subcommands come with it").containsKeys("list", "show", "requeue");
    }

    @Test
    void helpAndUnknownOrMissingNamesBuildEveryCommand() {
        List<String> all = new ArrayList<>(List.of("help"));
        all.addAll(ProductflowCommand.COMMANDS);
        for (String[] args : List.of(new String[] {}, new String[] {"--help"}, new String[] {"help", "convert"},
                new String[] {"convrt"}, new String[] {"--version", "convert"})) {
            assertThat(ProductflowCommand.commandLine(args).getSubcommands().keySet()).as(String.join(" ", args))
                    .containsExactlyElementsOf(all);
        }
    }

    @Test
    void versionAloneBuildsNoCommand() {
        assertThat(ProductflowCommand.commandLine("--version").getSubcommands()).isEmpty();
        assertThat(ProductflowCommand.commandLine("-V").getSubcommands()).isEmpty();
        assertThat(Main.run("--version")).isZero();
        assertThat(console.out()).startsWith("productflow ");
    }

    @Test
    void usageListsEveryCommandAndAMisspeltOneGetsASuggestion() {
        assertThat(Main.run("--help")).isZero();
        assertThat(console.out()).contains(ProductflowCommand.COMMANDS.stream().map(name -> "  " + name + " ").toList());
        assertThat(Main.run("help", "convert")).isZero();
        assertThat(console.out()).contains("Usage: productflow convert");
        assertThat(Main.run("convert", "--help")).isZero();
        assertThat(console.out()).contains("Usage: productflow convert [-hV]");
        assertThat(Main.run("convrt")).isEqualTo(2);
        assertThat(console.err()).contains("Unmatched argument", "convert");
    }

    /** In a JVM of its own, as the launcher starts it: neither picocli nor the other commands' classes are loaded. */
    @Test
    void convertLoadsNeitherPicocliNorOtherCommandsClasses(@TempDir Path dir) throws Exception {
        Path classes = dir.resolve("classes.log");
        Path xml = dir.resolve("out.xml");
        Path sample = SampleFiles.samplesFolder().resolve("sample_products.json");
        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:off", "-Xlog:class+load=info:file=" + classes, "-cp", System.getProperty("java.class.path"),
                "com.productflow.cli.Main", "convert", "--input", sample.toString(), "--output", xml.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
        assertThat(java.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(java.exitValue()).as(Files.readString(dir.resolve("out.log"))).isZero();
        List<String> loaded = Files.readAllLines(classes, UTF_8).stream()
                .map(line -> line.replaceAll(".*\\] (\\S+) source: .*", "$1")).toList();
        assertThat(loaded).contains("com.productflow.cli.ConvertCommand", "com.productflow.cli.ConvertArgs")
                .noneMatch(name -> name.startsWith("picocli.") || name.startsWith("com.productflow.local.")
                        || name.startsWith("com.fasterxml.jackson.databind.") || name.equals("com.productflow.cli.LocalCommand")
                        || name.equals("com.productflow.cli.ProductflowCommand"));
        assertThat(xml).exists();
    }
}
