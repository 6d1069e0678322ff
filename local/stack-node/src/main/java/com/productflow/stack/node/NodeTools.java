package com.productflow.stack.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds the repository's Node tools (pinned by {@code package.json} + {@code package-lock.json}) and
 * installs them with {@code npm ci} when missing. The install runs under an OS file lock, so parallel
 * test JVMs (or a test and the launcher) never run two installs into the same folder at once.
 */
public final class NodeTools {
    private static final long INSTALL_TIMEOUT_MINUTES = 10;
    // File locks are held per JVM, not per thread: threads of one JVM queue here first.
    private static final Object IN_PROCESS = new Object();

    private NodeTools() {}

    /**
     * The folder holding {@code package.json}: the system property {@code productflow.home} when set
     * (the launcher sets it), else the nearest parent of the working folder that has one.
     */
    public static Path projectRoot() {
        String home = System.getProperty("productflow.home");
        if (home != null && !home.isBlank() && Files.isRegularFile(Path.of(home, "package.json"))) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("package.json"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no package.json found in " + start + " or any parent folder"
                + " (run from inside the productflow repository, or set -Dproductflow.home)");
    }

    /** The node binary: {@code PRODUCTFLOW_NODE} if set, else {@code node} on the PATH. */
    public static String nodeBinary() {
        String configured = System.getenv("PRODUCTFLOW_NODE");
        return configured == null || configured.isBlank() ? "node" : configured;
    }

    /**
     * Returns {@code <root>/node_modules/<module>/<file>}, running {@code npm ci} first if it is missing.
     */
    public static Path ensureInstalled(Path root, String module, String file) {
        synchronized (IN_PROCESS) {
            return ensureInstalledLocked(root, module, file);
        }
    }

    private static Path ensureInstalledLocked(Path root, String module, String file) {
        Path target = root.resolve("node_modules").resolve(module).resolve(file);
        Path lockFile = lockFileFor(root);
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = channel.lock()) {
            // Checked under the lock: another JVM may have been half-way through an install.
            if (!Files.isRegularFile(target)) {
                npmCi(root);
                if (!Files.isRegularFile(target)) {
                    throw new IllegalStateException("npm ci in " + root + " did not install " + target
                            + " (is " + module + " listed in package.json?)");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + lockFile + " to install Node tools", e);
        }
        return target;
    }

    private static void npmCi(Path root) throws IOException {
        Path log = Files.createTempFile("productflow-npm-ci-", ".log");
        List<String> command = List.of("npm", "ci", "--no-audit", "--no-fund");
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run npm (is Node.js with npm on the PATH?): " + e.getMessage(), e);
        }
        try {
            if (!process.waitFor(INSTALL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("npm ci in " + root + " took over " + INSTALL_TIMEOUT_MINUTES
                        + " minutes; output in " + log);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running npm ci in " + root, e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("npm ci in " + root + " failed with exit code " + process.exitValue()
                    + ":\n" + tail(log));
        }
        Files.deleteIfExists(log);
    }

    /** One lock file per repository copy, in the temp folder so it never shows up in git. */
    private static Path lockFileFor(Path root) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(root.toString().getBytes(StandardCharsets.UTF_8));
            String name = "productflow-npm-" + HexFormat.of().formatHex(digest, 0, 8) + ".lock";
            return Path.of(System.getProperty("java.io.tmpdir")).resolve(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The last 4000 characters of a process log, for an error message. */
    public static String tail(Path log) {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.length() <= 4000 ? text : "..." + text.substring(text.length() - 4000);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
