package com.productflow.bench.cold;

import com.productflow.coldstart.ClassFilesJar;
import com.productflow.coldstart.FunctionCatalog;
import com.productflow.coldstart.SnapStartHooks;
import com.productflow.common.ProductflowException;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * ConvertFunction's first conversion after its SnapStart priming against its warm conversion, in one fresh
 * JVM ({@link ConvertFirstInvocation}) with the function's JVM options (the template's JAVA_TOOL_OPTIONS for it,
 * {@code -XX:+TieredCompilation}, plus what the Lambda runtime passes, heap as the local runner gives 2,048 MB).
 * Run once with the runtime hooks (primed) and once without (a JDK without CRaC never calls them), so the
 * figure shows what priming buys. S3 and DynamoDB point at a port nothing listens on: neither construction
 * nor priming nor the conversion may reach them.
 */
public final class FirstConversionBench {
    static final List<String> JVM_FLAGS = List.of("-XX:+TieredCompilation", "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx1740m");
    static final int WARM_ROUNDS = 4;

    private FirstConversionBench() {}

    /** MB/s per wall second and per CPU second of the JVM (all its threads), first conversion and best warm one. */
    public record Figures(boolean primed, double hooksMs, double firstMBps, double warmMBps, double firstCpuMBps, double warmCpuMBps) {
        public double ratio() {
            return firstMBps / warmMBps;
        }

        public double cpuRatio() {
            return firstCpuMBps / warmCpuMBps;
        }
    }

    public static Figures run(Path root, Path input, boolean primed, Path work) throws IOException, InterruptedException {
        FunctionCatalog.Function convert = FunctionCatalog.load(root).stream().filter(f -> f.logicalId().equals("ConvertFunction"))
                .findFirst().orElseThrow(() -> new ProductflowException("template.yaml has no ConvertFunction"));
        if (!Files.isRegularFile(convert.jar(root))) {
            throw new ProductflowException("jar not built: " + root.relativize(convert.jar(root)) + " (make functions, or --build)");
        }
        Path probe = ClassFilesJar.write(work, "first-conversion",
                Stream.concat(Stream.of(ConvertFirstInvocation.class.getName()), SnapStartHooks.CLASSES.stream()).toList());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(JVM_FLAGS);
        if (primed) {
            command.add(SnapStartHooks.JVM_OPTION);
        }
        command.addAll(List.of("-cp", convert.jar(root) + File.pathSeparator + probe, ConvertFirstInvocation.class.getName(),
                convert.handlerClass(), input.toString(), String.valueOf(WARM_ROUNDS)));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(work.resolve("first-conversion.log").toFile());
        pb.environment().keySet().removeIf(key -> !List.of("PATH", "HOME", "LANG", "TMPDIR").contains(key));
        String nowhere = unreachable();
        pb.environment().putAll(Map.of("AWS_REGION", "us-east-1", "S3_ENDPOINT", nowhere, "DYNAMODB_ENDPOINT", nowhere,
                "STATE_TABLE", "productflow-files", "OUTPUT_BUCKET", "productflow-output", "POWERTOOLS_LOG_LEVEL", "WARN",
                "AWS_LAMBDA_FUNCTION_NAME", convert.logicalId()));
        Process process = pb.start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith(ConvertFirstInvocation.MARKER + " ")) {
                    String[] f = line.split(" ");
                    process.waitFor();
                    return new Figures(primed, Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                            Double.parseDouble(f[4]), Double.parseDouble(f[5]));
                }
            }
        }
        process.waitFor();
        throw new ProductflowException("the first-conversion JVM gave no figures (exit " + process.exitValue() + "): "
                + Files.readString(work.resolve("first-conversion.log")).strip());
    }

    /** A local port nothing listens on (bound, then released). */
    private static String unreachable() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    public static String report(long inputBytes, Figures primed, Figures unprimed) {
        return String.format(Locale.ROOT, "%nConvertFunction, first conversion in a fresh JVM vs warm (best of %d more), %.0f MB local file, S3 excluded:%n"
                        + "| JVM | SnapStart hooks ms | first MB/s | warm MB/s | first ÷ warm (target >= 0.8 primed) | per JVM CPU-s: first | warm | first ÷ warm |%n"
                        + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |%n"
                        + "| primed (hooks run) | %.0f | %.1f | %.1f | %.2f | %.1f | %.1f | %.2f |%n"
                        + "| not primed | %.0f | %.1f | %.1f | %.2f | %.1f | %.1f | %.2f |%n",
                WARM_ROUNDS, inputBytes / 1e6, primed.hooksMs(), primed.firstMBps(), primed.warmMBps(), primed.ratio(),
                primed.firstCpuMBps(), primed.warmCpuMBps(), primed.cpuRatio(),
                unprimed.hooksMs(), unprimed.firstMBps(), unprimed.warmMBps(), unprimed.ratio(),
                unprimed.firstCpuMBps(), unprimed.warmCpuMBps(), unprimed.cpuRatio());
    }
}
