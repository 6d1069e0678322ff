package com.productflow.state.dynamo;

import com.productflow.state.ClaimResult;
import com.productflow.state.FileId;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * A separate JVM for the multi-process claim test: warms up its client, prints READY, waits for the
 * "go" file, claims once and prints {@code CLAIMED <owner>} or {@code NOT_CLAIMED <reason>}.
 * Args: endpoint table bucket key etag owner goFile.
 */
public final class ClaimProcessMain {
    private ClaimProcessMain() {}

    public static void main(String[] args) throws Exception {
        String owner = args[5];
        Path go = Path.of(args[6]);
        try (var client = DynamoClients.local(URI.create(args[0]))) {
            var store = new DynamoFileStateStore(client, args[1], Clock.systemUTC(), Duration.ofDays(1));
            FileId id = FileId.ofEtag(args[2], args[3], args[4]);
            store.get(id); // warm up the SDK and the connection before the race
            System.out.println("READY");
            System.out.flush();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!Files.exists(go)) {
                if (System.nanoTime() > deadline) {
                    System.out.println("TIMEOUT");
                    System.exit(3);
                }
                Thread.sleep(2);
            }
            ClaimResult result = store.claim(id, owner, Duration.ofMinutes(5));
            System.out.println(result instanceof ClaimResult.NotClaimable refused
                    ? "NOT_CLAIMED " + refused.reason() : "CLAIMED " + owner);
        }
    }
}
