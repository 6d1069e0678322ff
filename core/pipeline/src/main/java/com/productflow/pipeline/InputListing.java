package com.productflow.pipeline;

import com.productflow.common.BadInputException;
import com.productflow.storage.ObjectListing;
import com.productflow.storage.ObjectStore;
import java.util.List;

/**
 * One page of the input files under a prefix, for the backfill: the objects the store lists, keeping
 * only {@link InputKeys#accepted} keys, and the token of the next page (null on the last one).
 */
public final class InputListing {
    public static final int MAX_KEYS_LIMIT = 1000;
    private final ObjectStore store;

    public InputListing(ObjectStore store) {
        this.store = store;
    }

    public record File(String bucket, String key, String etag, long size) {}

    public record Page(List<File> files, String nextContinuationToken) {}

    /** {@code maxKeys} objects are listed (1 to 1000), of which the accepted ones are returned. */
    public Page page(String bucket, String prefix, String continuationToken, int maxKeys) {
        if (bucket == null || bucket.isEmpty()) {
            throw new BadInputException("list-files expects {\"bucket\": \"...\", \"prefix\": \"...\"}");
        }
        if (maxKeys < 1 || maxKeys > MAX_KEYS_LIMIT) {
            throw new BadInputException("maxKeys must be between 1 and " + MAX_KEYS_LIMIT + ", got " + maxKeys);
        }
        ObjectListing listed = store.listPage(bucket, prefix, continuationToken, maxKeys);
        List<File> files = listed.objects().stream()
                .filter(object -> InputKeys.accepted(object.key()))
                .map(object -> new File(bucket, object.key(), object.eTag(), object.size()))
                .toList();
        return new Page(files, listed.nextToken().orElse(null));
    }
}
