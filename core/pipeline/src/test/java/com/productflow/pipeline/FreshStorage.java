package com.productflow.pipeline;

import com.productflow.stack.s3.S3Stack;
import com.productflow.state.dynamo.StateTables;
import com.productflow.state.dynamo.DynamoFileStateStore;
import com.productflow.storage.ObjectStore;
import com.productflow.storage.ObjectTransfers;
import com.productflow.storage.TransferOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** An input and an output bucket and a state table of their own, for one test on shared servers. */
record FreshStorage(String input, String output, DynamoFileStateStore state) {
    static FreshStorage create(S3Stack s3, DynamoDbClient dynamo) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        FreshStorage fresh = new FreshStorage("in-" + suffix, "out-" + suffix,
                new DynamoFileStateStore(dynamo, "files-" + suffix, Clock.systemUTC(), Duration.ofDays(30)));
        s3.createBucket(fresh.input);
        s3.createBucket(fresh.output);
        StateTables.createIfMissing(dynamo, "files-" + suffix);
        return fresh;
    }

    /** Transfers with the smallest parts S3 allows, two at a time: small files already take the multipart paths. */
    static ObjectTransfers smallPartTransfers(ObjectStore store) {
        return new ObjectTransfers(store, new TransferOptions(TransferOptions.MIN_PART_SIZE, 2, 3,
                TransferOptions.DEFAULT_MULTIPART_COPY_THRESHOLD, TransferOptions.DEFAULT_COPY_PART_SIZE));
    }
}
