package com.productflow.pipeline;

import com.productflow.stack.s3.S3Stack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.s3.S3Client;

/** The local stack's S3 (s3proxy): no versions; PutObject's and CompleteMultipartUpload's conditions checked. */
class NewestWinsOnS3ProxyTest extends NewestWinsContract {
    private static S3Stack server;
    private static S3Client client;

    @BeforeAll
    static void start() {
        server = S3Stack.startTransient();
        client = server.client();
    }

    @AfterAll
    static void stopServer() {
        client.close();
        server.close();
    }

    @Override
    protected S3Client s3() {
        return client;
    }

    @Override
    protected void createBucket(String name) {
        server.createBucket(name);
    }

    @Override
    protected boolean versioned() {
        return false;
    }
}
