package com.productflow.pipeline;

import com.productflow.testsupport.LocalServer;
import com.productflow.testsupport.MotoServer;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

/** A versioned S3 with enforced conditional writes: moto's server. Skips, loudly, when moto is not installed. */
class NewestWinsOnVersionedS3Test extends NewestWinsContract {
    @RegisterExtension
    static final LocalServer<MotoServer> MOTO = LocalServer.moto("the pipeline against a versioned S3");

    NewestWinsOnVersionedS3Test() {
        super(true);
    }

    @Override
    protected S3Client newClient() {
        return MOTO.get().client();
    }

    @Override
    protected void createBucket(String name) {
        MOTO.get().createVersionedBucket(name);
    }
}
