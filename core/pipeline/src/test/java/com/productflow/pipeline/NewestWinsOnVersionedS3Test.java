package com.productflow.pipeline;

import com.productflow.stack.s3.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.s3.S3Client;

/** A versioned S3 with enforced conditional writes: moto's server. Skips, loudly, when moto is not installed. */
class NewestWinsOnVersionedS3Test extends NewestWinsContract {
    private static MotoServer server;
    private static S3Client client;

    @BeforeAll
    static void start() throws Exception {
        if (!MotoServer.available()) {
            System.err.println("\n*** SKIPPED: moto is not installed (python3 -m moto.server): the pipeline is NOT tested"
                    + " against a versioned S3. Install it with: pip install 'moto[server]' ***\n");
        }
        Assumptions.assumeTrue(MotoServer.available(), "moto's server is not installed: python3 -m moto.server");
        server = MotoServer.start();
        client = server.client();
    }

    @AfterAll
    static void stopServer() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected S3Client s3() {
        return client;
    }

    @Override
    protected void createBucket(String name) {
        server.createVersionedBucket(name);
    }

    @Override
    protected boolean versioned() {
        return true;
    }
}
