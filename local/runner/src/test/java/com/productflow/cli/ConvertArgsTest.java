package com.productflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.productflow.common.io.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** {@link ConvertArgs} reads what picocli reads, the same way, and leaves everything else to picocli. */
class ConvertArgsTest {
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path dir;

    @Test
    void knowsEveryFlagConvertDeclaresAndNoOther() {
        Set<String> declared = new HashSet<>();
        for (OptionSpec option : new CommandLine(new ConvertCommand()).getCommandSpec().options()) {
            if (option.usageHelp() || option.versionHelp()) {
                continue;
            }
            String name = option.longestName();
            declared.add(name);
            assertThat(option.arity().max() == 0 ? ConvertArgs.SWITCHES : ConvertArgs.VALUED).as(name).contains(name);
            if (SettingFlags.namesASetting(option)) {
                assertThat(ConvertArgs.SETTINGS).as(name).containsEntry(name, option.descriptionKey());
            } else {
                assertThat(ConvertArgs.SETTINGS).as(name).doesNotContainKey(name);
            }
        }
        Set<String> known = new HashSet<>(ConvertArgs.VALUED);
        known.addAll(ConvertArgs.SWITCHES);
        assertThat(known).isEqualTo(declared);
    }

    @Test
    void readsTheSameValuesAsPicocli() {
        for (List<String> args : List.of(
                List.of("--input", "in.json", "--output", "out.xml"),
                List.of("--output=out.xml", "--input=in.json"),
                List.of("--input", "-", "--output", "-", "--indent"),
                List.of("--input", "a b=c.json", "--output", "x=y.xml", "--format", "parquet", "--wrong-type", "reject"),
                List.of("--input=in.json", "--output", "o.xml", "--strict", "--nulls=nil", "--profile", "p.json", "--format=xml"),
                List.of("--input", "in.json", "--output", "o.xml", "--format", "XML", "--nulls", "bogus"))) {
            String[] argv = args.toArray(String[]::new);
            CommandLine picocli = new CommandLine(new ConvertCommand());
            picocli.parseArgs(argv);
            ConvertCommand expected = picocli.getCommand();
            ConvertArgs fast = ConvertArgs.read(argv).orElseThrow(() -> new AssertionError("not read: " + args));
            ConvertCommand actual = fast.command();
            assertThat(actual).as(args.toString()).usingRecursiveComparison().ignoringFields("flags").isEqualTo(expected);
            assertThat(fast.settings()).as(args.toString()).isEqualTo(SettingFlags.values(picocli.getCommandSpec()));
        }
    }

    @Test
    void leavesEverythingElseToPicocli() {
        for (List<String> args : List.<List<String>>of(
                List.of(), List.of("--help"), List.of("-h"), List.of("--version"), List.of("-V"),
                List.of("--input", "in.json"), List.of("--output", "o.xml"), List.of("--input", "in.json", "--output"),
                List.of("--input", "a", "--input", "b", "--output", "o"), List.of("--input", "a", "--output", "o", "extra"),
                List.of("--input", "a", "--output", "--indent"), List.of("--input", "a", "--output", "-o"),
                List.of("--input", "a", "--output", "o", "--indent=true"), List.of("--input", "a", "--output", "o", "--indent", "--indent"),
                List.of("@args.txt"), List.of("--input", "@in.json", "--output", "o"), List.of("--input=", "--output", "o"),
                List.of("--input", "a", "--output", "o", "--"), List.of("--input", "a", "--output", "o", "--inden"),
                List.of("--input", "a", "--output", "o", "--help"))) {
            assertThat(ConvertArgs.read(args.toArray(String[]::new))).as(args.toString()).isEmpty();
        }
    }

    @Test
    void bothWaysWriteTheSameBytesAndFailTheSameWay() throws Exception {
        Path in = dir.resolve("p.json");
        Files.writeString(in, "[{\"ean\":\"5713447649590\",\"v\":null,\"t\":\"a<b\"}]");
        Path fast = dir.resolve("fast.xml");
        Path picocli = dir.resolve("picocli.xml");
        assertThat(Main.run("convert", "--input", in.toString(), "--output", fast.toString(), "--nulls", "nil")).isZero();
        // An argument file: picocli expands it, ConvertArgs leaves it to picocli.
        Path argsFile = dir.resolve("args.txt");
        Files.writeString(argsFile, "--input " + in + " --output " + picocli + " --nulls nil\n");
        assertThat(Main.run("convert", "@" + argsFile)).isZero();
        assertThat(Sha256.of(Files.readAllBytes(fast))).isEqualTo(Sha256.of(Files.readAllBytes(picocli)));
        assertThat(Files.readString(fast)).contains("xsi:nil=\"true\"");

        Path missing = dir.resolve("missing.json");
        assertThat(Main.run("convert", "--input", missing.toString(), "--output", fast.toString())).isEqualTo(2);
        Files.writeString(argsFile, "--input " + missing + " --output " + picocli + "\n");
        assertThat(Main.run("convert", "@" + argsFile)).isEqualTo(2);
        assertThat(console.err().lines().filter(line -> line.startsWith("productflow convert: --input " + missing + ": no such file")))
                .as(console.err()).hasSize(2);
        assertThat(Main.run("convert", "--input", in.toString(), "--output", fast.toString(), "--nulls", "bogus")).isEqualTo(2);
        assertThat(console.err()).contains("CONVERT_NULLS");
    }
}
