package com.productflow.stack.sfn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds the project's Node tools: the folder with {@code package.json} and {@code node_modules}, and the
 * {@code node} binary. Installs the pinned packages with {@code npm ci} when they are missing, so a fresh
 * clone (CI) needs no manual step.
 */
public final class NodeTools {

    private NodeTools() {
    }

    /**
     * The project root: {@code productflow.home} if set, else the nearest folder at or above the working
     * directory holding both {@code package.json} and {@code statemachine/}.
     */
    public static Path projectRoot() {
        String home = System.getProperty("productflow.home");
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("package.json")) && Files.isDirectory(p.resolve("statemachine"))) {
                return p;
            }
        }
        throw new IllegalStateException("Cannot find the productflow project root (package.json and statemachine/) "
                + "at or above " + Path.of("").toAbsolutePath() + "; set -Dproductflow.home");
    }

    /** The node binary: {@code PRODUCTFLOW_NODE} if set, else {@code node} on the PATH. */
    public static String nodeBinary() {
        String configured = System.getenv("PRODUCTFLOW_NODE");
        return configured == null || configured.isBlank() ? "node" : configured;
    }

    /** Runs {@code npm ci} in {@code root} unless {@code node_modules} already holds {@code marker}. */
    public static synchronized void ensureInstalled(Path root, String marker) throws IOException {
        if (Files.isRegularFile(root.resolve("node_modules").resolve(marker).resolve("package.json"))) {
            return;
        }
        Path log = Files.createTempFile("productflow-npm-ci", ".log");
        try {
            Process npm = new ProcessBuilder(List.of("npm", "ci", "--no-audit", "--no-fund"))
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            npm.getOutputStream().close();
            if (!npm.waitFor(5, TimeUnit.MINUTES)) {
                npm.destroyForcibly();
                throw new IOException("npm ci in " + root + " did not finish in 5 minutes");
            }
            if (npm.exitValue() != 0) {
                throw new IOException("npm ci in " + root + " failed (exit " + npm.exitValue() + "):\n" + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running npm ci", e);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
