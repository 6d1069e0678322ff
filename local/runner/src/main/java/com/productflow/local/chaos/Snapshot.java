package com.productflow.local.chaos;

import com.productflow.local.KafkaTopics;
import com.productflow.state.FileRecord;
import com.productflow.state.FileStateStore;
import com.productflow.state.FileStatus;
import com.productflow.state.Page;
import com.productflow.storage.ObjectLocation;
import com.productflow.storage.ObjectTransfers;
import com.productflow.storage.PendingUpload;
import com.productflow.storage.TransferOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the invariants judge, read once the system is quiet: every file record (all statuses), every object
 * of both buckets read back whole, the multipart uploads still open, and the topic read {@code read_committed}.
 */
public record Snapshot(List<FileRecord> records, Map<String, StoredObjectCheck> inputs, Map<String, StoredObjectCheck> outputs,
                       Map<String, List<PendingUpload>> openUploads, KafkaTopics.Count topic) {
    private static final int PAGE = 100;

    public static Snapshot read(World world) throws IOException {
        ObjectTransfers transfers = new ObjectTransfers(world.s3(), TransferOptions.defaults());
        Map<String, List<PendingUpload>> uploads = new LinkedHashMap<>();
        for (String bucket : List.of(world.inputBucket(), world.outputBucket())) {
            uploads.put(bucket, world.s3().listMultipartUploads(bucket, ""));
        }
        return new Snapshot(records(world.state()), objects(transfers, world.inputBucket()), objects(transfers, world.outputBucket()),
                uploads, KafkaTopics.count(world.kafka(), world.topic()));
    }

    /** Every file record of the table, whatever its status (the per-key records are not file records). */
    static List<FileRecord> records(FileStateStore state) {
        List<FileRecord> all = new ArrayList<>();
        for (FileStatus status : FileStatus.values()) {
            Optional<String> cursor = Optional.empty();
            do {
                Page<FileRecord> page = state.list(status, PAGE, cursor);
                all.addAll(page.items());
                cursor = page.next();
            } while (cursor.isPresent());
        }
        return all;
    }

    private static Map<String, StoredObjectCheck> objects(ObjectTransfers transfers, String bucket) throws IOException {
        Map<String, StoredObjectCheck> objects = new LinkedHashMap<>();
        for (String key : transfers.store().list(bucket, "")) {
            objects.put(key, StoredObjectCheck.read(transfers, new ObjectLocation(bucket, key)));
        }
        return objects;
    }
}
