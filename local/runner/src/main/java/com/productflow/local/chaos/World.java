package com.productflow.local.chaos;

import com.productflow.state.FileStateStore;
import com.productflow.storage.ObjectStore;

/** Where the invariants look: the buckets, the state table and the topic of one running system. */
public record World(ObjectStore s3, FileStateStore state, String kafka, String topic, String inputBucket, String outputBucket) {}
