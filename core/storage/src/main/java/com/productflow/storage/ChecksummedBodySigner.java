package com.productflow.storage;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.http.auth.aws.scheme.AwsV4AuthScheme;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.spi.scheme.AuthScheme;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignRequest;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignedRequest;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.IdentityProviders;

/**
 * SigV4 that does not hash a body a second time when the request already carries a flexible
 * checksum of the body as a header ({@code x-amz-checksum-crc32c}, {@code -crc32} or {@code -sha256};
 * every part and PUT we send does, computed by us).
 *
 * <p>Why: with payload signing off ({@code UNSIGNED-PAYLOAD}, see {@link S3ObjectStore}) the SDK still
 * forces a signed payload over plain {@code http://} endpoints (local and S3-compatible servers),
 * i.e. one more SHA-256 of every byte on the client, and the server re-hashes the body to check it.
 * The checksum header guards the body instead, as it does over HTTPS: it is covered by the signature
 * (all {@code x-amz-*} headers are), and the server rejects a body that does not match it. So for
 * such a request the body is signed as {@code UNSIGNED-PAYLOAD}: the request is signed without its
 * payload, and the payload is then attached unchanged. Requests without such a header, and
 * aws-chunked requests, are signed by the SDK's signer exactly as before. Over HTTPS the SDK already
 * sends {@code UNSIGNED-PAYLOAD}, so nothing changes there. With a CRC checksum the body is guarded
 * against corruption, not against someone rewriting it on a plain-HTTP path (see {@link PartChecksum}
 * for when to choose SHA-256).
 */
final class ChecksummedBodySigner implements HttpSigner<AwsCredentialsIdentity> {
    /** The checksum headers that guard a body (one per request; S3 rejects two). */
    static final List<String> CHECKSUM_HEADERS =
            Arrays.stream(PartChecksum.values()).map(PartChecksum::header).toList();

    private final HttpSigner<AwsCredentialsIdentity> delegate;

    private ChecksummedBodySigner(HttpSigner<AwsCredentialsIdentity> delegate) {
        this.delegate = delegate;
    }

    /** The SDK's SigV4 scheme with this signer in front of its own. */
    static AuthScheme<AwsCredentialsIdentity> sigV4Scheme() {
        AwsV4AuthScheme sdk = AwsV4AuthScheme.create();
        ChecksummedBodySigner signer = new ChecksummedBodySigner(sdk.signer());
        return new AuthScheme<>() {
            @Override
            public String schemeId() {
                return AwsV4AuthScheme.SCHEME_ID;
            }

            @Override
            public IdentityProvider<AwsCredentialsIdentity> identityProvider(IdentityProviders providers) {
                return sdk.identityProvider(providers);
            }

            @Override
            public HttpSigner<AwsCredentialsIdentity> signer() {
                return signer;
            }
        };
    }

    @Override
    public SignedRequest sign(SignRequest<? extends AwsCredentialsIdentity> request) {
        if (request.payload().isEmpty() || !carriesChecksum(request)) {
            return delegate.sign(request);
        }
        SignRequest<? extends AwsCredentialsIdentity> withoutBody = request.toBuilder().payload(null).build();
        SignedRequest signed = delegate.sign(withoutBody);
        return signed.toBuilder().payload(request.payload().get()).build();
    }

    private static boolean carriesChecksum(SignRequest<? extends AwsCredentialsIdentity> request) {
        return CHECKSUM_HEADERS.stream().anyMatch(h -> request.request().firstMatchingHeader(h).isPresent())
                && !Boolean.TRUE.equals(request.property(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED))
                && Boolean.FALSE.equals(request.property(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED));
    }

    @Override
    public CompletableFuture<AsyncSignedRequest> signAsync(AsyncSignRequest<? extends AwsCredentialsIdentity> request) {
        return delegate.signAsync(request);
    }
}
