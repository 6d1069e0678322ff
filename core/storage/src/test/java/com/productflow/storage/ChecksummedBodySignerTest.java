package com.productflow.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.productflow.common.io.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The body of a request that carries a checksum header of itself is not hashed into the signature again. */
class ChecksummedBodySignerTest {
    private static final byte[] BODY = "part body".getBytes(StandardCharsets.UTF_8);
    private final HttpSigner<AwsCredentialsIdentity> signer = ChecksummedBodySigner.sigV4Scheme().signer();

    private SignedRequest sign(boolean withChecksumHeader, boolean chunked) {
        return sign(withChecksumHeader ? PartChecksum.SHA256 : null, chunked);
    }

    private SignedRequest sign(PartChecksum checksum, boolean chunked) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.PUT)
                .uri(java.net.URI.create("http://127.0.0.1:9000/bucket/key?partNumber=1&uploadId=u"))
                .putHeader("Content-Length", String.valueOf(BODY.length));
        if (checksum != null) {
            request.putHeader(checksum.header(), checksum.of(BODY, BODY.length).base64());
        }
        return signer.sign(r -> r.identity(AwsCredentialsIdentity.create("access", "secret"))
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArray(BODY))
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, chunked));
    }

    private static byte[] body(SignedRequest signed) throws IOException {
        try (InputStream in = signed.payload().orElseThrow().newStream()) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PartChecksum.class)
    void bodyWithItsChecksumHeaderIsSentUnsignedAndUnchanged(PartChecksum checksum) throws IOException {
        SignedRequest signed = sign(checksum, false);
        assertThat(signed.request().firstMatchingHeader("x-amz-content-sha256")).contains("UNSIGNED-PAYLOAD");
        // The checksum header is covered by the signature, so the server checks the body against a signed value.
        assertThat(signed.request().firstMatchingHeader("Authorization").orElseThrow())
                .contains(checksum.header()).contains("x-amz-content-sha256");
        assertThat(body(signed)).isEqualTo(BODY);
    }

    @Test
    void bodyWithoutAChecksumHeaderIsSignedAsTheSdkDoesOverPlainHttp() throws IOException {
        SignedRequest signed = sign(false, false);
        // Over http:// the SDK signs the payload even when payload signing is off: one SHA-256 pass of the body.
        assertThat(signed.request().firstMatchingHeader("x-amz-content-sha256")).contains(Sha256.of(BODY));
        assertThat(body(signed)).isEqualTo(BODY);
    }

    @Test
    void awsChunkedRequestsAreLeftToTheSdk() {
        SignedRequest signed = sign(true, true);
        assertThat(signed.request().firstMatchingHeader("x-amz-content-sha256").orElseThrow()).startsWith("STREAMING-");
    }
}
