package com.productflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.productflow.stack.dynamo.Dynalite;
import com.productflow.testsupport.LocalServer;
import com.productflow.state.ClaimResult;
import com.productflow.state.FileId;
import com.productflow.state.FileRecord;
import com.productflow.state.FileStatus;
import com.productflow.state.dynamo.DynamoClients;
import com.productflow.state.dynamo.DynamoFileStateStore;
import com.productflow.state.dynamo.StateTables;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The lease is kept while the work runs, against the real state table (dynalite). */
class LeaseKeeperTest {
    private static final Duration LEASE = Duration.ofSeconds(3);

    @RegisterExtension
    static final LocalServer<Dynalite> DYNAMO = LocalServer.dynamo();

    @Test
    void aLiveWorkerKeepsItsLeasePastItsLengthAndStopsRenewingWhenClosed() throws Exception {
        DynamoDbClient client = DynamoClients.local(DYNAMO.get().endpoint());
        String table = "lease-" + UUID.randomUUID().toString().substring(0, 8);
        StateTables.createIfMissing(client, table);
        DynamoFileStateStore state = new DynamoFileStateStore(client, table, Clock.systemUTC(), Duration.ofDays(1));
        FileId id = FileId.ofEtag("in", "long.json", "\"etag-1\"");
        state.register(id, "a".repeat(64), 1, 3);
        ClaimResult claim = state.claim(id, "exec-1", LEASE);
        long claimedVersion = ((ClaimResult.Claimed) claim).record().version();

        try (LeaseKeeper renewing = LeaseKeeper.keep(state, claim, LEASE)) {
            Thread.sleep(LEASE.toMillis() * 2);
            FileRecord held = state.get(id).orElseThrow();
            assertThat(held.status()).isEqualTo(FileStatus.IN_PROGRESS);
            assertThat(held.leaseOwner()).isEqualTo("exec-1");
            assertThat(held.leaseExpiresAt()).isAfter(Instant.now());
            assertThat(held.version()).as("renewed at least once").isGreaterThan(claimedVersion);
            assertThat(state.claim(id, "exec-2", LEASE)).as("another execution cannot take it")
                    .isInstanceOf(ClaimResult.NotClaimable.class);
        }
        long closedAt = state.get(id).orElseThrow().version();
        Thread.sleep(LEASE.toMillis());
        assertThat(state.get(id).orElseThrow().version()).as("no renewal after close").isEqualTo(closedAt);

        // A retry of the same execution keeps the lease it already holds.
        ClaimResult again = state.claim(id, "exec-1", LEASE);
        try (LeaseKeeper renewing = LeaseKeeper.keep(state, again, LEASE)) {
            Thread.sleep(LEASE.toMillis() + 500);
            assertThat(state.get(id).orElseThrow().version()).isGreaterThan(closedAt);
        }
    }
}
