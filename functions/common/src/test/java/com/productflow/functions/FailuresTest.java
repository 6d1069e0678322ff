package com.productflow.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.productflow.common.BadInputException;
import com.productflow.pipeline.IngestIncompleteException;
import com.productflow.storage.UploadGoneException;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class FailuresTest {
    @Test
    void badInputIsPermanentAndKeepsTheMessage() {
        RuntimeException mapped = Failures.classify(new BadInputException("products.json: line 3, column 7: unexpected end"));
        assertThat(mapped).isInstanceOf(InvalidInput.class).hasMessageContaining("line 3, column 7");
    }

    @Test
    void throttlingServerErrorsConnectionsAndIoAreTransient() {
        AwsServiceException throttled = AwsServiceException.builder().message("slow down").statusCode(503).build();
        assertThat(Failures.classify(throttled)).isInstanceOf(TransientFailure.class);
        assertThat(Failures.classify(SdkClientException.create("connection refused"))).isInstanceOf(TransientFailure.class);
        assertThat(Failures.classify(new IOException("reset"))).isInstanceOf(TransientFailure.class);
    }

    @Test
    void clientErrorsAndOurOwnTypesKeepTheirClass() {
        AwsServiceException denied = AwsServiceException.builder().message("AccessDenied").statusCode(403).build();
        assertThat(Failures.classify(denied)).isSameAs(denied);
        KafkaUnavailable kafka = new KafkaUnavailable("no broker", null);
        assertThat(Failures.classify(kafka)).isSameAs(kafka);
        IllegalStateException bug = new IllegalStateException("bug");
        assertThat(Failures.classify(bug)).isSameAs(bug);
    }

    @Test
    void anIngestBatchWithSomeObjectsNotIngestedIsTransient() {
        IngestIncompleteException partial = new IngestIncompleteException("1 of 3 objects not ingested; first: reset", new IOException("reset"));
        assertThat(Failures.classify(partial)).isInstanceOf(TransientFailure.class)
                .hasMessage("1 of 3 objects not ingested; first: reset").hasCause(partial);
    }

    @Test
    void aMultipartUploadAbortedUnderTheWriterIsTransientNotBadInput() {
        UploadGoneException gone = new UploadGoneException("multipart upload gone (UploadPart s3://out/p.json.xml.productflow-partial)",
                software.amazon.awssdk.services.s3.model.NoSuchUploadException.builder().statusCode(404).message("NoSuchUpload").build());
        assertThat(Failures.classify(gone)).isInstanceOf(TransientFailure.class).hasMessageContaining("multipart upload gone").hasCause(gone);
    }
}
