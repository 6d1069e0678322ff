/**
 * File state: one record per input file (bucket, key, and version id or ETag) that says where it
 * stands, so crashes, duplicate S3 events and racing workers never lose a file or finish it twice.
 *
 * <pre>
 *   register ──► PENDING ──claim──► IN_PROGRESS ──complete──► COMPLETED (ttl set)
 *                   ▲                 │    ▲  │
 *                   │            fail │    │  └─ lease expired: another claim takes over
 *                   │                 ▼    │     (on the last attempt: QUARANTINED instead)
 *                   │               FAILED ┘ claim (attempts left)
 *                   │                 │ fail on the last attempt
 *                   └──── requeue ── QUARANTINED ◄── fail (permanent: bad input, at once)
 *
 *   supersede: PENDING | IN_PROGRESS | FAILED | QUARANTINED ──► SUPERSEDED (terminal, supersededBy)
 * </pre>
 *
 * <p>Besides one record per file, each key has a per-key record ({@code sk = latest}): the newest
 * version by S3 event {@link com.productflow.state.Sequencer} ({@code recordLatest}) and the version
 * publishing its outputs ({@code claimPublication}, a conditional write fenced by the sequencer).
 *
 * <p>Design choices, and why:
 * <ul>
 *   <li>Every transition is a single conditional write whose condition is its precondition, so the check
 *       and the change are atomic on the server. No transactions: dynalite (the local server) has none,
 *       and none are needed because a transition touches one item.
 *   <li>{@code version} grows on every write and fences finishers: {@code complete}/{@code fail}/{@code renew}
 *       must present the holder's name and the version its claim returned. A worker whose lease was taken
 *       over gets "lease lost" and writes nothing, even if it wakes up before the new holder finishes.
 *   <li>An expired lease on the last attempt parks the file (QUARANTINED, {@code LeaseExpired}) instead of
 *       retrying: a file that kills its worker (out of memory, timeout) must not loop forever.
 *   <li>Timestamps are fixed-width ISO-8601 text (see {@link com.productflow.state.Timestamps}) so the
 *       status index sorts by {@code updatedAt} and lease expiry compares as text.
 *   <li>Outcomes are sealed interfaces of records: callers switch on them; only infrastructure failures
 *       (dead server, missing table) are exceptions ({@link com.productflow.state.StateStoreException}).
 * </ul>
 */
package com.productflow.state;
