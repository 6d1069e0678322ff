package com.productflow.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.productflow.stack.node.NodeTools;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code productflow} launcher script, run by bash in a copy of the repository's layout with a {@code mvn} and a
 * {@code java} of the test's own on the PATH that only record how they were called: when it builds (a missing jar, a
 * source newer than the last build, a function added to the Makefile, a source saved while Maven ran) and when it
 * does not (nothing changed, a distribution without sources), and how it starts the JVM (class data archives).
 */
class LauncherTest {
    private static final String RUNNER_JAR = "local/runner/target/productflow.jar";
    private static final String CONVERT_JAR = "local/runner/target/productflow-convert.jar";
    private static final String STAMP = "local/runner/target/productflow-launcher.built";

    @TempDir
    Path repo;
    private Path bin;

    record Run(int exit, String stderr) {
    }

    @BeforeEach
    void layout() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")),
                "LauncherTest needs bash: the launcher is a bash script");
        Files.copy(NodeTools.projectRoot().resolve("productflow"), repo.resolve("productflow"));
        executable(repo.resolve("productflow"));
        write("pom.xml", "<project/>");
        write("Makefile", "AFunction_MODULE := functions/a\nAFunction_JAR := a.jar\n"
                + "BFunction_MODULE := functions/b\nBFunction_JAR := b.jar\n");
        write("functions/a/src/main/java/A.java", "class A {}");
        write("functions/b/src/main/resources/b.properties", "b=1");
        write("local/runner/src/main/java/Main.java", "class Main {}");
        write("docs/notes.md", "not a source");
        bin = Files.createDirectories(repo.resolve("test-bin"));
        // Maven: records its arguments, makes each jar of jars.txt that is missing (a jar whose module did not
        // change is left as it was, as Maven does) and, when asked, saves a source while it "builds".
        write("test-bin/mvn", """
                #!/usr/bin/env bash
                echo "$*" >> "$TEST_REPO/mvn.log"
                while read -r jar; do
                  mkdir -p "$(dirname "$TEST_REPO/$jar")"
                  [ -f "$TEST_REPO/$jar" ] || echo jar > "$TEST_REPO/$jar"
                done < "$TEST_REPO/jars.txt"
                if [ -n "${TEST_SAVE_DURING_BUILD:-}" ]; then sleep 0.1; touch "$TEST_REPO/$TEST_SAVE_DURING_BUILD"; fi
                """);
        // java: records its working folder and arguments; writes the archive it is asked to record.
        write("test-bin/java", """
                #!/usr/bin/env bash
                echo "$PWD $*" >> "$TEST_REPO/java.log"
                for arg in "$@"; do
                  case "$arg" in -XX:ArchiveClassesAtExit=*) echo archive > "${arg#*=}" ;; esac
                done
                """);
        executable(bin.resolve("mvn"));
        executable(bin.resolve("java"));
        write("jars.txt", RUNNER_JAR + "\n" + CONVERT_JAR + "\nfunctions/a/target/a.jar\nfunctions/b/target/b.jar\n");
        // Everything was written before the first build.
        for (String file : List.of("pom.xml", "Makefile", "functions/a/src/main/java/A.java",
                "functions/b/src/main/resources/b.properties", "local/runner/src/main/java/Main.java", "docs/notes.md")) {
            age(file, 3600);
        }
    }

    @Test
    void buildsOnTheFirstRunAndNotAgainUntilASourceChanges() throws Exception {
        assertThat(launch("convert", "--input", "in.json", "--output", "out.xml").exit()).isZero();
        assertThat(mvnRuns()).containsExactly("-q -B -Dmaven.test.skip=true -pl local/runner,functions/a,functions/b -am package");
        assertThat(javaRuns()).hasSize(1);
        assertThat(Files.readAllLines(repo.resolve(STAMP)))
                .containsExactly(RUNNER_JAR, CONVERT_JAR, "functions/a/target/a.jar", "functions/b/target/b.jar");

        age(STAMP, 60);
        launch("convert", "--input", "in.json", "--output", "out.xml");
        assertThat(mvnRuns()).as("nothing changed").hasSize(1);
        touch("docs/notes.md");
        launch("--version");
        assertThat(mvnRuns()).as("not a source").hasSize(1);

        touch("functions/a/src/main/java/A.java");
        launch("--version");
        assertThat(mvnRuns()).as("a .java file saved").hasSize(2);
        launch("--version");
        assertThat(mvnRuns()).as("built: current again").hasSize(2);

        age(STAMP, 60);
        touch("functions/b/src/main/resources/b.properties");
        launch("--version");
        assertThat(mvnRuns()).as("a resource saved").hasSize(3);
        age(STAMP, 60);
        touch("pom.xml");
        launch("--version");
        assertThat(mvnRuns()).as("a POM saved").hasSize(4);
        assertThat(javaRuns()).hasSize(7);
    }

    @Test
    void buildsAMissingJarAndAFunctionAddedToTheMakefile() throws Exception {
        launch("--version");
        age(STAMP, 60);
        Files.delete(repo.resolve("functions/b/target/b.jar"));
        launch("--version");
        assertThat(mvnRuns()).as("b.jar deleted").hasSize(2);
        assertThat(repo.resolve("functions/b/target/b.jar")).exists();

        age(STAMP, 60);
        Files.writeString(repo.resolve("Makefile"), "CFunction_MODULE := functions/c\nCFunction_JAR := c.jar\n",
                java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(repo.resolve("jars.txt"), "functions/c/target/c.jar\n", java.nio.file.StandardOpenOption.APPEND);
        launch("--version");
        assertThat(mvnRuns()).hasSize(3);
        assertThat(mvnRuns().get(2)).contains("-pl local/runner,functions/a,functions/b,functions/c ");
        assertThat(Files.readAllLines(repo.resolve(STAMP))).contains("functions/c/target/c.jar");
        Files.delete(repo.resolve("functions/c/target/c.jar"));
        launch("--version");
        assertThat(mvnRuns()).as("the new function's jar is one of the build's").hasSize(4);
    }

    @Test
    void aSourceSavedWhileMavenRanIsBuiltByTheNextStart() throws Exception {
        launch(List.of("TEST_SAVE_DURING_BUILD=functions/a/src/main/java/A.java"), "--version");
        assertThat(mvnRuns()).hasSize(1);
        launch("--version");
        assertThat(mvnRuns()).as("A.java is newer than the build that began before it was saved").hasSize(2);
        launch("--version");
        assertThat(mvnRuns()).hasSize(2);
    }

    @Test
    void aTreeWithoutSourcesRunsItsJarsAsTheyAre() throws Exception {
        launch("--version");
        age(STAMP, 60);
        Files.delete(repo.resolve("pom.xml"));
        touch("functions/a/src/main/java/A.java");
        assertThat(launch("--version").exit()).isZero();
        assertThat(mvnRuns()).as("a distribution: nothing to build from").hasSize(1);
        assertThat(javaRuns()).hasSize(2);

        Files.delete(repo.resolve("functions/a/target/a.jar"));
        Run missing = launch("--version");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.stderr()).contains("no sources here to build it from");
        assertThat(mvnRuns()).hasSize(1);
    }

    @Test
    void recordsAClassDataArchivePerCommandThenMapsIt() throws Exception {
        Path caller = Files.createDirectories(repo.resolve("elsewhere"));
        launch(caller, List.of(), "convert", "--input", "in.json", "--output", "out.xml");
        launch(caller, List.of(), "convert", "--input", "in.json", "--output", "out.xml");
        launch(caller, List.of(), "--version");
        List<String> runs = javaRuns();
        assertThat(runs.get(0)).startsWith(caller + " -XX:ArchiveClassesAtExit=" + repo.resolve("local/runner/target/cds/convert-"))
                .contains("-XX:+UseSerialGC", "-jar " + repo.resolve(CONVERT_JAR) + " convert --input in.json --output out.xml");
        String archive = runs.get(1).replaceAll(".*-XX:SharedArchiveFile=(\\S+) .*", "$1");
        assertThat(Path.of(archive)).exists().hasParent(repo.resolve("local/runner/target/cds"));
        assertThat(archive).matches(".*/convert-[0-9-]+\\.jsa");
        assertThat(runs.get(2)).contains("-XX:ArchiveClassesAtExit=" + repo.resolve("local/runner/target/cds/opt-version-"))
                .endsWith("-jar " + repo.resolve(RUNNER_JAR) + " --version");

        // A rebuilt jar is another archive.
        Files.writeString(repo.resolve(CONVERT_JAR), "a bigger jar");
        launch(caller, List.of(), "convert", "--input", "in.json", "--output", "out.xml");
        assertThat(javaRuns().get(3)).contains("-XX:ArchiveClassesAtExit=");
        assertThat(Path.of(archive)).as("the old jar's archive is removed").doesNotExist();
    }

    @Test
    void convertsAFileUnder16MiBWithC1Only() throws Exception {
        write("small.json", "[]");
        try (RandomAccessFile big = new RandomAccessFile(repo.resolve("big.json").toFile(), "rw")) {
            big.setLength(16L << 20); // sparse: no 16 MiB written
        }
        launch("convert", "--input", "small.json", "--output", "o.xml");
        launch("convert", "--output", "o.xml", "--input=small.json");
        launch("convert", "--input", "big.json", "--output", "o.xml");
        launch("convert", "--input", "-", "--output", "o.xml");
        launch("convert", "--input", "missing.json", "--output", "o.xml");
        launch("generate", "--input", "small.json");
        List<String> runs = javaRuns();
        assertThat(runs.subList(0, 2)).allMatch(run -> run.contains("-XX:+UseSerialGC -XX:TieredStopAtLevel=1 "));
        assertThat(runs.subList(2, 5)).as("16 MiB, stdin, no such file: C2 as well")
                .allMatch(run -> run.contains("-XX:+UseSerialGC") && !run.contains("TieredStopAtLevel"));
        assertThat(runs.get(5)).doesNotContain("TieredStopAtLevel", "UseSerialGC");
    }

    @Test
    void benchBuildsAndRunsItsOwnJar() throws Exception {
        write("jars.txt", "bench/target/productflow-bench.jar\n");
        launch("bench", "convert", "--cold");
        assertThat(mvnRuns()).containsExactly("-q -B -Dmaven.test.skip=true -pl bench -am package");
        assertThat(javaRuns().get(0)).contains("-jar " + repo.resolve("bench/target/productflow-bench.jar") + " convert --cold")
                .as("the benches run with the JVM's defaults: no class data archive, no per-command flags")
                .doesNotContain("SharedArchiveFile").doesNotContain("ArchiveClassesAtExit").doesNotContain("UseSerialGC");
        assertThat(Files.readAllLines(repo.resolve("bench/target/productflow-launcher.built")))
                .containsExactly("bench/target/productflow-bench.jar");
        launch("bench", "convert", "--cold");
        assertThat(mvnRuns()).hasSize(1);
    }

    private Run launch(String... args) throws Exception {
        return launch(repo, List.of(), args);
    }

    private Run launch(List<String> env, String... args) throws Exception {
        return launch(repo, env, args);
    }

    private Run launch(Path workDir, List<String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("env", "PATH=" + bin + ":" + System.getenv("PATH"),
                "TEST_REPO=" + repo, "JAVA_OPTS="));
        command.addAll(env);
        command.add(repo.resolve("productflow").toString());
        command.addAll(Arrays.asList(args));
        Path err = repo.resolve("launcher.err");
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), Files.readString(err, UTF_8));
    }

    private List<String> mvnRuns() throws IOException {
        Path log = repo.resolve("mvn.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private List<String> javaRuns() throws IOException {
        return Files.readAllLines(repo.resolve("java.log"));
    }

    private void write(String file, String text) throws IOException {
        Path path = repo.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    /** Sets a file's mtime {@code seconds} in the past: no test depends on the file system's clock resolution. */
    private void age(String file, long seconds) throws IOException {
        Files.setLastModifiedTime(repo.resolve(file), FileTime.from(Instant.now().minusSeconds(seconds)));
    }

    /** Saves a file "now": after the stamp a test has aged, a little before the next build (which is later, whatever
     * the resolution of the file system's clock). */
    private void touch(String file) throws IOException {
        Files.setLastModifiedTime(repo.resolve(file), FileTime.from(Instant.now().minusSeconds(2)));
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
