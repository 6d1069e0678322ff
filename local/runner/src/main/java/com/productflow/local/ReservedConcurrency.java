package com.productflow.local;

import com.productflow.stack.sfn.LocalFunction;
import java.util.concurrent.Semaphore;

/**
 * The template's {@code ReservedConcurrentExecutions} for a local function: at most {@code limit}
 * invocations run at once. AWS throttles the excess (TooManyRequestsException, which the state machine
 * retries with backoff); locally the excess waits its turn instead, which ends the same way (one extract
 * at a time, one writer per watermark) without the retry delays.
 */
public final class ReservedConcurrency {
    private ReservedConcurrency() {}

    public static LocalFunction limit(LocalFunction function, int limit) {
        Semaphore slots = new Semaphore(limit, true);
        return payload -> {
            slots.acquire();
            try {
                return function.invoke(payload);
            } finally {
                slots.release();
            }
        };
    }
}
