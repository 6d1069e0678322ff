package com.productflow.storage;

import com.productflow.common.config.SettingsSource;
import com.productflow.stack.s3.S3Stack;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/** Settings and data for tests against the in-process s3proxy. */
final class S3TestSupport {
    static final int PART = TransferOptions.MIN_PART_SIZE;

    private S3TestSupport() {}

    /** Settings for the local server, S3_COMPAT on (the default with an endpoint) unless overridden. */
    static S3Settings settings(S3Stack stack, Map<String, String> extra) {
        Map<String, String> values = new HashMap<>();
        values.put("S3_ENDPOINT", stack.endpoint().toString());
        values.put("S3_ACCESS_KEY_ID", S3Stack.ACCESS_KEY);
        values.put("S3_SECRET_ACCESS_KEY", S3Stack.SECRET_KEY);
        values.put("S3_PART_SIZE", String.valueOf(PART));
        values.put("S3_PARALLELISM", "4");
        values.putAll(extra);
        return S3Settings.from(SettingsSource.of(values));
    }

    static S3Settings settings(S3Stack stack) {
        return settings(stack, Map.of());
    }

    /** Deterministic pseudo-random bytes. */
    static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }
}
