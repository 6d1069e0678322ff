package com.productflow.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.productflow.common.config.SettingsSource;
import com.productflow.common.io.Sha256;
import com.productflow.stack.s3.S3Stack;
import com.productflow.storage.ObjectLocation;
import com.productflow.storage.ObjectTransfers;
import com.productflow.storage.StoredObject;
import com.productflow.storage.TransferOptions;
import com.productflow.storage.VerifyResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The functions' S3 path on their one HTTP transport (the SDK's url-connection client, not storage's
 * Apache 5 default): parallel multipart upload, full and ranged reads, checksums, against s3proxy.
 */
class WiringTransportTest {
    private static final String BUCKET = "wiring";
    private static S3Stack stack;

    @BeforeAll
    static void start() {
        stack = S3Stack.startTransient();
        stack.createBucket(BUCKET);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void apacheHttpClientIsNotOnTheFunctionsClassPath() {
        // The function jars carry the url-connection client only; storage's Apache 5 default is excluded.
        assertThatThrownBy(() -> Class.forName("software.amazon.awssdk.http.apache5.Apache5HttpClient"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("org.apache.hc.client5.http.impl.classic.CloseableHttpClient"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void multipartUploadAndReadsWorkOverUrlConnection() throws Exception {
        ObjectTransfers transfers = new Wiring(settings()).transfers();
        byte[] data = new byte[TransferOptions.MIN_PART_SIZE * 3 + 12_345];
        new Random(42).nextBytes(data);
        ObjectLocation target = new ObjectLocation(BUCKET, "multi/part object+name.bin");

        StoredObject stored = transfers.upload(new ByteArrayInputStream(data), target, "application/octet-stream", Map.of());

        assertThat(stored.parts()).isEqualTo(4);
        assertThat(stored.sha256()).isEqualTo(Sha256.of(data));
        VerifyResult verify = transfers.verify(target);
        assertThat(verify.matches()).isTrue();
        assertThat(verify.size()).isEqualTo(data.length);
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        try (InputStream in = transfers.open(target, transfers.require(target))) {
            in.transferTo(read);
        }
        assertThat(read.toByteArray()).isEqualTo(data);
    }

    private static SettingsSource settings() {
        return SettingsSource.of(Map.of(
                "S3_ENDPOINT", stack.endpoint().toString(),
                "S3_ACCESS_KEY_ID", S3Stack.ACCESS_KEY,
                "S3_SECRET_ACCESS_KEY", S3Stack.SECRET_KEY,
                "S3_PART_SIZE", String.valueOf(TransferOptions.MIN_PART_SIZE),
                "S3_PARALLELISM", "3"));
    }
}
