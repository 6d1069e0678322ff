package com.productflow.local.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Run by {@link LocalProcessTest} in a JVM of its own: starts a stand-in for {@code local}, prints its pid, waits. */
public final class LocalProcessHolder {
    static final String ENDPOINTS = "{\"s3\":\"http://127.0.0.1:1\",\"kafka\":\"127.0.0.1:2\",\"dynamodb\":\"http://127.0.0.1:3\","
            + "\"lambda\":\"http://127.0.0.1:4\",\"inputBucket\":\"in\",\"outputBucket\":\"out\",\"topic\":\"t\","
            + "\"region\":\"us-east-1\",\"accessKey\":\"a\",\"secretKey\":\"s\",\"stateTable\":\"files\"}";

    private LocalProcessHolder() {
    }

    public static void main(String[] args) throws Exception {
        LocalProcess local = LocalProcess.start(List.of("bash", "-c", "echo '" + ENDPOINTS + "'; exec sleep 600"),
                Path.of(args[0]), "stand-in", Duration.ofSeconds(30));
        System.out.println(local.pid());
        System.out.flush();
        Thread.sleep(Duration.ofMinutes(10).toMillis());
    }
}
