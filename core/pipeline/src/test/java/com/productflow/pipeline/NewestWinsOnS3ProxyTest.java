package com.productflow.pipeline;

import com.productflow.stack.s3.S3Stack;
import com.productflow.testsupport.LocalServer;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

/** The local stack's S3 (s3proxy): no versions; PutObject's and CompleteMultipartUpload's conditions checked. */
class NewestWinsOnS3ProxyTest extends NewestWinsContract {
    @RegisterExtension
    static final LocalServer<S3Stack> S3 = LocalServer.s3();

    NewestWinsOnS3ProxyTest() {
        super(false);
    }

    @Override
    protected S3Client newClient() {
        return S3.get().client();
    }

    @Override
    protected void createBucket(String name) {
        S3.get().createBucket(name);
    }
}
