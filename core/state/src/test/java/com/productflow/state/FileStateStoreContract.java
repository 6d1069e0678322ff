package com.productflow.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.productflow.common.BadInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link FileStateStore} adapter must have. Each adapter's test class extends this
 * and supplies a fresh, empty store per test.
 */
public abstract class FileStateStoreContract {
    protected static final String SHA = "a".repeat(64);
    protected static final String OUT_SHA = "b".repeat(64);
    protected static final Duration LEASE = Duration.ofSeconds(60);
    protected static final Duration RETENTION = Duration.ofDays(30);

    protected final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T08:00:00.000Z"));
    protected FileStateStore store;

    /** A new, empty store using {@code clock} and a COMPLETED retention of {@link #RETENTION}. */
    protected abstract FileStateStore newStore(MutableClock clock);

    @BeforeEach
    void createStore() {
        store = newStore(clock);
    }

    @AfterEach
    void closeStore() throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    protected static FileId file(String key) {
        return FileId.ofEtag("input-bucket", key, "\"0cc175b9c0f1b6a831c399e269772661\"");
    }

    private FileRecord claimed(FileId id, String owner) {
        ClaimResult result = store.claim(id, owner, LEASE, "exec-" + owner);
        assertThat(result).as("claim by %s", owner).isInstanceOf(ClaimResult.Claimed.class);
        return ((ClaimResult.Claimed) result).record();
    }

    @Test
    void registerCreatesPendingRecordWithAllFields() {
        FileId id = FileId.ofVersion("input-bucket", "drops/2026/products.json", "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrH");
        RegisterResult result = store.register(id, SHA, 1234, 3);

        assertThat(result).isInstanceOf(RegisterResult.Created.class);
        FileRecord record = store.get(id).orElseThrow();
        assertThat(record).isEqualTo(result.record());
        assertThat(record.id()).isEqualTo(id);
        assertThat(record.status()).isEqualTo(FileStatus.PENDING);
        assertThat(record.inputSha256()).isEqualTo(SHA);
        assertThat(record.inputBytes()).isEqualTo(1234);
        assertThat(record.attempts()).isZero();
        assertThat(record.maxAttempts()).isEqualTo(3);
        assertThat(record.version()).isEqualTo(1);
        assertThat(record.createdAt()).isEqualTo(clock.instant());
        assertThat(record.updatedAt()).isEqualTo(clock.instant());
        assertThat(record.leaseOwner()).isNull();
        assertThat(record.ttl()).isNull();
    }

    @Test
    void registeringTwiceKeepsOneRecordUnchanged() {
        FileId id = file("twice.json");
        FileRecord first = store.register(id, SHA, 10, 3).record();
        clock.advance(Duration.ofSeconds(5));

        RegisterResult again = store.register(id, "c".repeat(64), 99, 7);

        assertThat(again).isInstanceOf(RegisterResult.AlreadyRegistered.class);
        assertThat(again.record()).isEqualTo(first);
        assertThat(store.findObject("input-bucket", "twice.json")).containsExactly(first);
    }

    @Test
    void aReuploadWithNewContentIsANewRecord() {
        store.register(FileId.ofEtag("input-bucket", "same.json", "etag-one"), SHA, 10, 3);
        clock.advance(Duration.ofSeconds(1));
        store.register(FileId.ofEtag("input-bucket", "same.json", "etag-two"), SHA, 11, 3);
        store.register(FileId.ofEtag("input-bucket", "same.json.bak", "etag-one"), SHA, 12, 3);

        List<FileRecord> records = store.findObject("input-bucket", "same.json");
        assertThat(records).extracting(r -> r.id().etag()).containsExactly("etag-one", "etag-two");
    }

    @Test
    void hostileKeysAreStoredAsData() {
        String key = "../../etc/passwd\n<x>&\"'#/ü—°/" + "k".repeat(200);
        FileId id = FileId.ofEtag("input-bucket", key, "e1");
        store.register(id, SHA, 1, 3);
        assertThat(store.get(id).orElseThrow().id().key()).isEqualTo(key);
        assertThat(store.findObject("input-bucket", key)).hasSize(1);
    }

    @Test
    void claimMovesPendingToInProgressWithLease() {
        FileId id = file("claim.json");
        store.register(id, SHA, 10, 3);

        FileRecord record = claimed(id, "worker-1");

        assertThat(record.status()).isEqualTo(FileStatus.IN_PROGRESS);
        assertThat(record.attempts()).isEqualTo(1);
        assertThat(record.version()).isEqualTo(2);
        assertThat(record.leaseOwner()).isEqualTo("worker-1");
        assertThat(record.leaseExpiresAt()).isEqualTo(clock.instant().plus(LEASE));
        assertThat(record.executionId()).isEqualTo("exec-worker-1");
        assertThat(store.get(id)).contains(record);
    }

    @Test
    void claimOfUnknownOrCompletedFileIsRefused() {
        assertThat(store.claim(file("nobody.json"), "w", LEASE)).isInstanceOfSatisfying(ClaimResult.NotClaimable.class, refused -> {
            assertThat(refused.reason()).isEqualTo(ClaimResult.Reason.NOT_FOUND);
            assertThat(refused.message()).contains("nobody.json");
            assertThat(refused.current()).isNull();
        });

        FileId id = file("done.json");
        store.register(id, SHA, 10, 3);
        FileRecord held = claimed(id, "w");
        store.complete(id, "w", held.version(), new FileOutputs("out/done.xml", OUT_SHA, 5, 0));
        ClaimResult again = store.claim(id, "w2", LEASE);
        assertThat(again).isInstanceOfSatisfying(ClaimResult.NotClaimable.class,
                refused -> assertThat(refused.reason()).isEqualTo(ClaimResult.Reason.ALREADY_COMPLETED));
    }

    @Test
    void sixteenConcurrentClaimersHaveExactlyOneWinner() throws Exception {
        FileId id = file("contended.json");
        store.register(id, SHA, 10, 3);
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ClaimResult>> results = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                String owner = "worker-" + i;
                results.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return store.claim(id, owner, LEASE);
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<ClaimResult.Claimed> winners = new ArrayList<>();
            for (Future<ClaimResult> f : results) {
                ClaimResult r = f.get(30, TimeUnit.SECONDS);
                if (r instanceof ClaimResult.Claimed c) {
                    winners.add(c);
                } else {
                    assertThat(((ClaimResult.NotClaimable) r).reason()).isEqualTo(ClaimResult.Reason.LEASED);
                }
            }
            assertThat(winners).hasSize(1);
            FileRecord stored = store.get(id).orElseThrow();
            assertThat(stored.attempts()).isEqualTo(1);
            assertThat(stored.version()).isEqualTo(2);
            assertThat(stored.leaseOwner()).isEqualTo(winners.get(0).record().leaseOwner());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anExpiredLeaseIsTakenOverAndTheOldHolderCannotFinish() {
        FileId id = file("slow.json");
        store.register(id, SHA, 10, 3);
        FileRecord first = claimed(id, "slow-worker");

        ClaimResult early = store.claim(id, "fast-worker", LEASE);
        assertThat(early).isInstanceOfSatisfying(ClaimResult.NotClaimable.class, refused -> {
            assertThat(refused.reason()).isEqualTo(ClaimResult.Reason.LEASED);
            assertThat(refused.message()).contains("slow-worker");
        });

        clock.advance(LEASE);
        FileRecord second = claimed(id, "fast-worker");
        assertThat(second.attempts()).isEqualTo(2);
        assertThat(second.version()).isEqualTo(first.version() + 1);

        CompleteResult late = store.complete(id, "slow-worker", first.version(), new FileOutputs("out/stale.xml", OUT_SHA, 1, 0));
        assertThat(late).isInstanceOfSatisfying(CompleteResult.LeaseLost.class, lost -> {
            assertThat(lost.message()).startsWith("lease lost").contains("fast-worker");
            assertThat(lost.current()).isEqualTo(second);
        });
        FailResult lateFail = store.fail(id, "slow-worker", first.version(), new FileError("Boom", "late", clock.instant()));
        assertThat(lateFail).isInstanceOf(FailResult.LeaseLost.class);
        assertThat(store.get(id)).contains(second);

        // The right owner with a stale version is refused too: the version is the fencing token.
        assertThat(store.complete(id, "fast-worker", first.version(), new FileOutputs("o", OUT_SHA, 1, 0)))
                .isInstanceOf(CompleteResult.LeaseLost.class);
        assertThat(store.get(id)).contains(second);
    }

    @Test
    void theHolderCanRenewItsLeaseAndALapsedHolderCannot() {
        FileId id = file("long.json");
        store.register(id, SHA, 10, 3);
        FileRecord held = claimed(id, "w1");
        clock.advance(LEASE.minusSeconds(1));

        RenewResult renewed = store.renew(id, "w1", held.version(), LEASE);
        assertThat(renewed).isInstanceOfSatisfying(RenewResult.Renewed.class, r -> {
            assertThat(r.record().leaseExpiresAt()).isEqualTo(clock.instant().plus(LEASE));
            assertThat(r.record().version()).isEqualTo(held.version() + 1);
            assertThat(r.record().attempts()).isEqualTo(held.attempts());
        });
        long current = ((RenewResult.Renewed) renewed).record().version();

        clock.advance(Duration.ofSeconds(2)); // past the first lease, within the renewed one
        assertThat(store.claim(id, "w2", LEASE)).isInstanceOfSatisfying(ClaimResult.NotClaimable.class,
                refused -> assertThat(refused.reason()).isEqualTo(ClaimResult.Reason.LEASED));
        assertThat(store.renew(id, "w1", held.version(), LEASE)).as("stale version").isInstanceOf(RenewResult.LeaseLost.class);
        assertThat(store.renew(id, "w2", current, LEASE)).as("not the holder").isInstanceOf(RenewResult.LeaseLost.class);
        assertThat(store.complete(id, "w1", current, new FileOutputs("out/long.xml", OUT_SHA, 1, 0)))
                .isInstanceOf(CompleteResult.Completed.class);
    }

    @Test
    void completeStoresOutputsAndRetention() {
        FileId id = file("ok.json");
        store.register(id, SHA, 10, 3);
        FileRecord held = claimed(id, "w");
        clock.advance(Duration.ofSeconds(3));

        CompleteResult result = store.complete(id, "w", held.version(), new FileOutputs("out/ok.xml", OUT_SHA, 42, 7));

        assertThat(result).isInstanceOf(CompleteResult.Completed.class);
        FileRecord done = store.get(id).orElseThrow();
        assertThat(done).isEqualTo(((CompleteResult.Completed) result).record());
        assertThat(done.status()).isEqualTo(FileStatus.COMPLETED);
        assertThat(done.outputKey()).isEqualTo("out/ok.xml");
        assertThat(done.outputSha256()).isEqualTo(OUT_SHA);
        assertThat(done.records()).isEqualTo(42);
        assertThat(done.published()).isEqualTo(7);
        assertThat(done.version()).isEqualTo(held.version() + 1);
        assertThat(done.leaseOwner()).isNull();
        assertThat(done.leaseExpiresAt()).isNull();
        assertThat(done.ttl()).isEqualTo(clock.instant().plus(RETENTION).getEpochSecond());
        assertThat(done.updatedAt()).isEqualTo(clock.instant());

        assertThat(store.complete(id, "w", held.version(), new FileOutputs("out/again.xml", OUT_SHA, 1, 0)))
                .isInstanceOf(CompleteResult.LeaseLost.class);
        assertThat(store.get(id)).contains(done);
    }

    @Test
    void failuresAreRetriedUntilAttemptsRunOutThenQuarantined() {
        FileId id = file("poison.json");
        store.register(id, SHA, 10, 2);

        FileRecord first = claimed(id, "w1");
        FailResult failed = store.fail(id, "w1", first.version(), new FileError("ParseError", "line 3: unexpected '}'", Instant.EPOCH));
        assertThat(failed).isInstanceOfSatisfying(FailResult.Failed.class, f -> {
            assertThat(f.record().status()).isEqualTo(FileStatus.FAILED);
            assertThat(f.record().lastError()).isEqualTo(new FileError("ParseError", "line 3: unexpected '}'", clock.instant()));
            assertThat(f.record().leaseOwner()).isNull();
        });

        clock.advance(Duration.ofSeconds(1));
        FileRecord second = claimed(id, "w2");
        assertThat(second.attempts()).isEqualTo(2);
        FailResult last = store.fail(id, "w2", second.version(), new FileError("ParseError", "again", Instant.EPOCH));
        assertThat(last).isInstanceOfSatisfying(FailResult.Quarantined.class, q -> {
            assertThat(q.record().status()).isEqualTo(FileStatus.QUARANTINED);
            assertThat(q.record().attempts()).isEqualTo(2);
            assertThat(q.record().lastError().message()).isEqualTo("again");
        });

        ClaimResult parked = store.claim(id, "w3", LEASE);
        assertThat(parked).isInstanceOfSatisfying(ClaimResult.NotClaimable.class,
                refused -> assertThat(refused.reason()).isEqualTo(ClaimResult.Reason.QUARANTINED));
        assertThat(store.get(id).orElseThrow().status()).isEqualTo(FileStatus.QUARANTINED);
    }

    @Test
    void aWorkerDyingOnTheLastAttemptParksTheFile() {
        FileId id = file("kills-workers.json");
        store.register(id, SHA, 10, 1);
        FileRecord held = claimed(id, "doomed");
        clock.advance(LEASE.plusSeconds(1));

        ClaimResult result = store.claim(id, "next", LEASE);

        assertThat(result).isInstanceOfSatisfying(ClaimResult.NotClaimable.class, refused -> {
            assertThat(refused.reason()).isEqualTo(ClaimResult.Reason.QUARANTINED);
            assertThat(refused.current().status()).isEqualTo(FileStatus.QUARANTINED);
            assertThat(refused.current().lastError().type()).isEqualTo("LeaseExpired");
            assertThat(refused.current().lastError().message()).contains("doomed");
        });
        assertThat(store.complete(id, "doomed", held.version(), new FileOutputs("o", OUT_SHA, 1, 0)))
                .isInstanceOf(CompleteResult.LeaseLost.class);
    }

    @Test
    void requeueSendsParkedFilesBackWithAttemptsReset() {
        FileId id = file("requeue.json");
        store.register(id, SHA, 10, 1);
        FileRecord held = claimed(id, "w");
        assertThat(store.fail(id, "w", held.version(), new FileError("Boom", "x", Instant.EPOCH)))
                .isInstanceOf(FailResult.Quarantined.class);
        clock.advance(Duration.ofMinutes(5));

        RequeueResult result = store.requeue(id);

        assertThat(result).isInstanceOfSatisfying(RequeueResult.Requeued.class, r -> {
            assertThat(r.record().status()).isEqualTo(FileStatus.PENDING);
            assertThat(r.record().attempts()).isZero();
            assertThat(r.record().updatedAt()).isEqualTo(clock.instant());
            assertThat(r.record().lastError()).as("the last error stays for the operator").isNotNull();
        });
        assertThat(claimed(id, "w2").attempts()).isEqualTo(1);

        assertThat(store.requeue(id)).isInstanceOfSatisfying(RequeueResult.NotRequeueable.class,
                refused -> assertThat(refused.message()).contains("IN_PROGRESS"));
        assertThat(store.requeue(file("ghost.json"))).isInstanceOfSatisfying(RequeueResult.NotRequeueable.class,
                refused -> assertThat(refused.current()).isNull());
    }

    @Test
    void failedFilesAreListedThroughTheStatusIndexInPages() {
        Set<FileId> failed = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            FileId id = file("list-" + i + ".json");
            store.register(id, SHA, i, 3);
            clock.advance(Duration.ofMillis(10));
            if (i % 4 != 3) { // 0,1,2,4,5,6 fail; 3 stays PENDING
                FileRecord held = claimed(id, "w");
                store.fail(id, "w", held.version(), new FileError("Boom", "file " + i, Instant.EPOCH));
                failed.add(id);
            }
        }

        List<FileRecord> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<FileRecord> page = store.list(FileStatus.FAILED, 4, cursor);
            pageSizes.add(page.items().size());
            seen.addAll(page.items());
            cursor = page.next();
        } while (cursor.isPresent() && pageSizes.size() < 10);

        assertThat(seen).extracting(FileRecord::id).containsExactlyInAnyOrderElementsOf(failed);
        assertThat(seen).extracting(FileRecord::updatedAt).isSorted();
        assertThat(pageSizes.get(0)).isEqualTo(4);
        assertThat(pageSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(6);
        assertThat(store.list(FileStatus.PENDING, 10, Optional.empty()).items())
                .extracting(r -> r.id().key()).containsExactly("list-3.json");
        assertThat(store.list(FileStatus.QUARANTINED, 10, Optional.empty()).items()).isEmpty();

        String failedCursor = store.list(FileStatus.FAILED, 1, Optional.empty()).next().orElseThrow();
        assertThatThrownBy(() -> store.list(FileStatus.PENDING, 1, Optional.of(failedCursor)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("FAILED");
        assertThatThrownBy(() -> store.list(FileStatus.FAILED, 1, Optional.of("garbage")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("garbage");
    }

    @Test
    void hugeErrorMessagesAreTruncatedNotRejected() {
        FileId id = file("huge-error.json");
        store.register(id, SHA, 10, 3);
        FileRecord held = claimed(id, "w");
        FailResult result = store.fail(id, "w", held.version(), new FileError("Boom", "x".repeat(1_000_000), Instant.EPOCH));
        assertThat(result).isInstanceOf(FailResult.Failed.class);
        assertThat(store.get(id).orElseThrow().lastError().message()).hasSizeLessThan(FileError.MAX_MESSAGE_CHARS + 100);
    }

    // ------------------------------------------------------------------ newest version wins (issue 18)

    private static FileId version(String key, String versionId) {
        return FileId.ofVersion("input-bucket", key, versionId);
    }

    @Test
    void sequencersOrderVersionsOfOneKeyAndOnlyTheNewestMayPublish() {
        FileId v1 = version("feed.jsonl", "v1");
        FileId v2 = version("feed.jsonl", "v2");
        Sequencer s1 = new Sequencer("0055AED6DCD90281E5");
        Sequencer s2 = new Sequencer("55AED6DCD90281E6"); // shorter, yet newer once padded
        store.register(v1, SHA, 10, 3, s1);
        store.register(v2, SHA, 11, 3, s2);
        assertThat(store.get(v1).orElseThrow().sequencer()).isEqualTo(s1);
        assertThat(s1.hex()).isEqualTo("55AED6DCD90281E5");

        assertThat(store.recordLatest(v1, s1)).isInstanceOfSatisfying(LatestResult.Newest.class,
                n -> assertThat(n.previous()).isNull());
        assertThat(store.recordLatest(v1, s1)).as("idempotent").isInstanceOf(LatestResult.Newest.class);
        assertThat(store.claimPublication(v1, s1)).isInstanceOf(PublishResult.Granted.class);
        assertThat(store.recordLatest(v2, s2)).isInstanceOfSatisfying(LatestResult.Newest.class,
                n -> assertThat(n.previous()).isEqualTo("v1"));
        assertThat(store.recordLatest(v1, s1)).as("an old event arriving late").isInstanceOfSatisfying(LatestResult.Older.class,
                o -> assertThat(o.latest().version()).isEqualTo("v2"));

        assertThat(store.claimPublication(v1, s1)).isInstanceOfSatisfying(PublishResult.Superseded.class,
                o -> assertThat(o.latest().sequencer()).isEqualTo(s2));
        assertThat(store.claimPublication(v2, s2)).isInstanceOfSatisfying(PublishResult.Granted.class,
                g -> assertThat(g.latest().published()).isEqualTo("v2"));
        assertThat(store.latest("input-bucket", "feed.jsonl")).hasValueSatisfying(l -> {
            assertThat(l.version()).isEqualTo("v2");
            assertThat(l.sequencer()).isEqualTo(s2);
        });
        assertThat(store.findObject("input-bucket", "feed.jsonl")).as("the per-key record is not a file")
                .extracting(r -> r.id().versionId()).containsExactly("v1", "v2");
        assertThat(store.latest("input-bucket", "other.jsonl")).isEmpty();
    }

    @Test
    void aVersionWithoutSequencerNeverReplacesAnOrderedOne() {
        FileId listed = FileId.ofEtag("input-bucket", "backfilled.json", "etag-listed");
        assertThat(store.recordLatest(listed, null)).isInstanceOf(LatestResult.Newest.class);
        assertThat(store.claimPublication(listed, null)).as("alone, it publishes").isInstanceOf(PublishResult.Granted.class);

        FileId evented = version("backfilled.json", "v9");
        assertThat(store.recordLatest(evented, new Sequencer("01"))).isInstanceOf(LatestResult.Newest.class);
        assertThat(store.recordLatest(listed, null)).isInstanceOf(LatestResult.Older.class);
        assertThat(store.claimPublication(listed, null)).isInstanceOf(PublishResult.Superseded.class);
        assertThat(store.claimPublication(evented, new Sequencer("01"))).isInstanceOf(PublishResult.Granted.class);
    }

    @Test
    void supersededIsTerminalNamesTheNewerVersionAndCannotBeRequeued() {
        FileId held = version("s.json", "old-held");
        FileId parked = version("s.json", "old-parked");
        FileId done = version("s.json", "old-done");
        store.register(held, SHA, 1, 3);
        store.register(parked, SHA, 1, 1);
        store.register(done, SHA, 1, 3);
        FileRecord lease = claimed(held, "w");
        FileRecord parkedLease = claimed(parked, "w");
        store.fail(parked, "w", parkedLease.version(), new FileError("Boom", "x", Instant.EPOCH));
        FileRecord doneLease = claimed(done, "w");
        store.complete(done, "w", doneLease.version(), new FileOutputs("o", OUT_SHA, 1, 0));

        assertThat(store.supersede(held, "v-new")).isInstanceOfSatisfying(SupersedeResult.Superseded.class, r -> {
            assertThat(r.record().status()).isEqualTo(FileStatus.SUPERSEDED);
            assertThat(r.record().supersededBy()).isEqualTo("v-new");
            assertThat(r.record().leaseOwner()).isNull();
            assertThat(r.record().ttl()).isNotNull();
        });
        assertThat(store.supersede(parked, "v-new")).isInstanceOf(SupersedeResult.Superseded.class);
        assertThat(store.supersede(done, "v-new")).as("a finished file keeps its outcome")
                .isInstanceOf(SupersedeResult.Unchanged.class);

        assertThat(store.complete(held, "w", lease.version(), new FileOutputs("o", OUT_SHA, 1, 0)))
                .as("the worker that held it publishes nothing").isInstanceOf(CompleteResult.LeaseLost.class);
        assertThat(store.claim(held, "w2", LEASE)).isInstanceOfSatisfying(ClaimResult.NotClaimable.class,
                refused -> assertThat(refused.reason()).isEqualTo(ClaimResult.Reason.SUPERSEDED));
        assertThat(store.requeue(held)).isInstanceOfSatisfying(RequeueResult.NotRequeueable.class,
                refused -> assertThat(refused.message()).contains("SUPERSEDED").contains("v-new"));
        assertThat(store.list(FileStatus.SUPERSEDED, 10, Optional.empty()).items())
                .extracting(r -> r.id().versionId()).containsExactlyInAnyOrder("old-held", "old-parked");
    }

    @Test
    void aPermanentFailureIsQuarantinedAtOnceWhileATransientOneKeepsItsAttempts() {
        FileId bad = file("malformed.json");
        FileId flaky = file("flaky.json");
        store.register(bad, SHA, 1, 3);
        store.register(flaky, SHA, 1, 3);
        FileRecord badLease = claimed(bad, "w");
        FileRecord flakyLease = claimed(flaky, "w");

        assertThat(store.fail(bad, "w", badLease.version(), new FileError("InvalidInput", "line 1: unexpected end", Instant.EPOCH), true))
                .isInstanceOfSatisfying(FailResult.Quarantined.class, q -> {
                    assertThat(q.record().attempts()).isEqualTo(1);
                    assertThat(q.record().lastError().message()).contains("line 1");
                });
        assertThat(store.fail(flaky, "w", flakyLease.version(), new FileError("TransientFailure", "503", Instant.EPOCH), false))
                .isInstanceOf(FailResult.Failed.class);
    }
}
