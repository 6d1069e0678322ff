package com.productflow.pipeline;

import com.productflow.common.concurrent.Threads;
import com.productflow.state.ClaimResult;
import com.productflow.state.FileId;
import com.productflow.state.FileRecord;
import com.productflow.state.FileStateStore;
import com.productflow.state.RenewResult;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an execution's lease on a file while its work runs: renews it ({@link FileStateStore#renew})
 * every third of the lease on a daemon thread, from the claim's version on, until closed. Why: the
 * lease is what tells the redrive a worker died; a worker that is alive but slow (a retried task, a
 * large file) would otherwise lose it half-way and see the file claimed again under it. A renewal
 * that fails on a transient error is tried again at the next tick; a lost lease ends the renewals
 * (the work's own conditional writes then fail, as they would without this).
 */
final class LeaseKeeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

    private final FileStateStore state;
    private final FileId id;
    private final String owner;
    private final Duration lease;
    private final ScheduledExecutorService timer;
    private long version;

    private LeaseKeeper(FileStateStore state, FileId id, String owner, long version, Duration lease) {
        this.state = state;
        this.id = id;
        this.owner = owner;
        this.version = version;
        this.lease = lease;
        this.timer = Threads.timer("productflow-lease-" + owner);
    }

    /**
     * Starts renewing the lease that {@code claim} shows is held: the one it gave, or (a retry of the
     * same execution) the one the caller already held.
     */
    static LeaseKeeper keep(FileStateStore state, ClaimResult claim, Duration lease) {
        FileRecord held = claim instanceof ClaimResult.Claimed claimed ? claimed.record()
                : ((ClaimResult.NotClaimable) claim).current();
        return start(state, held.id(), held.leaseOwner(), held.version(), lease);
    }

    /** Starts renewing the lease {@code owner} holds on {@code id} at {@code version}. */
    static LeaseKeeper start(FileStateStore state, FileId id, String owner, long version, Duration lease) {
        LeaseKeeper keeper = new LeaseKeeper(state, id, owner, version, lease);
        long period = Math.max(1, lease.toMillis() / 3);
        keeper.timer.scheduleWithFixedDelay(keeper::renew, period, period, TimeUnit.MILLISECONDS);
        return keeper;
    }

    private void renew() {
        try {
            RenewResult result = state.renew(id, owner, version, lease);
            if (result instanceof RenewResult.Renewed renewed) {
                version = renewed.record().version();
            } else if (result instanceof RenewResult.LeaseLost lost) {
                LOG.warn("{}: lease lost while working on it: {}", id, lost.message());
                timer.shutdown();
            }
        } catch (RuntimeException e) {
            LOG.warn("{}: renewing the lease failed, trying again later: {}", id, e.toString());
        }
    }

    /** Stops renewing; a renewal under way finishes first, so none lands after this returns. */
    @Override
    public void close() {
        timer.shutdown();
        try {
            timer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
