package com.productflow.storage;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.services.s3.auth.scheme.S3AuthSchemeProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyPartResult;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The {@link ObjectStore} port on the AWS SDK v2's synchronous {@link S3Client}, by default with the
 * Apache 5 HTTP client: the SDK's default sync client since 2.3x, no Netty, no commons-logging. The
 * Lambda functions pass the url-connection client instead ({@link #create(S3Settings, SdkHttpClient.Builder)}),
 * so their jar carries one HTTP client only; transfers get their parallelism from our own thread pools, so an
 * async client buys nothing here. Works against AWS and S3-compatible servers (see {@link S3Settings}).
 */
public final class S3ObjectStore implements ObjectStore, AutoCloseable {
    private final S3Client s3;
    private final boolean objectChecksums;

    /**
     * @param objectChecksums also ask the server to keep checksums of whole objects (multipart
     *     uploads declare the parts' algorithm, {@link PartChecksum}, and list every part's value at
     *     completion; copies declare SHA-256). On AWS this costs nothing and leaves a verifiable
     *     checksum on every object; S3-compatible servers tend to compute it by re-reading the data
     *     (s3proxy re-hashes every part at CompleteMultipartUpload and the whole object on copy), so
     *     it is off in compat mode. Each part's own checksum is sent and checked by the server either way.
     */
    public S3ObjectStore(S3Client s3, boolean objectChecksums) {
        this.s3 = s3;
        this.objectChecksums = objectChecksums;
    }

    /** A store with its own client built from the settings; closing the store closes the client. */
    public static S3ObjectStore create(S3Settings settings) {
        return new S3ObjectStore(client(settings), !settings.compatible());
    }

    /**
     * A store whose client uses the given HTTP transport instead of Apache 5: the Lambda functions pass
     * the JDK-based url-connection client, the one transport their jar carries (see {@link Apache5Transport}).
     */
    public static S3ObjectStore create(S3Settings settings, SdkHttpClient.Builder<?> http) {
        return new S3ObjectStore(client(settings, http), !settings.compatible());
    }

    /** An S3 client configured from the settings, on the Apache 5 HTTP client. */
    public static S3Client client(S3Settings settings) {
        return client(settings, Apache5Transport.builder(settings));
    }

    /** An S3 client configured from the settings, on the given HTTP transport. */
    public static S3Client client(S3Settings settings, SdkHttpClient.Builder<?> http) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(http)
                .region(region(settings))
                .credentialsProvider(credentials(settings))
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(settings.pathStyle())
                        .chunkedEncodingEnabled(settings.chunkedEncoding())
                        .expectContinueEnabled(settings.expectContinue())
                        .build())
                .authSchemeProvider(unsignedPayload(S3AuthSchemeProvider.defaultProvider()))
                .putAuthScheme(ChecksummedBodySigner.sigV4Scheme());
        if (settings.compatible()) {
            // Only what an operation requires: servers that are not AWS vary in which optional checksums they accept.
            builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * SigV4 without hashing the body into the signature ({@code UNSIGNED-PAYLOAD}), which the SDK
     * already does over HTTPS by default. Every upload carries a checksum header of its body instead
     * (a PutObject the file's SHA-256, a part its {@link PartChecksum}, CRC32C by default), which the
     * signature covers and the server checks. Over plain HTTP the SDK ignores this switch; why and how
     * that is handled: {@link ChecksummedBodySigner} (registered in {@link #client}).
     */
    private static S3AuthSchemeProvider unsignedPayload(S3AuthSchemeProvider defaults) {
        return params -> defaults.resolveAuthScheme(params).stream()
                .map(option -> option.toBuilder()
                        .putSignerProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                        .build())
                .toList();
    }

    private static Region region(S3Settings settings) {
        if (settings.region().isPresent()) {
            return Region.of(settings.region().get());
        }
        if (settings.endpoint().isPresent()) {
            // Not the full chain: its last step asks the EC2 metadata service, pointless for a
            // non-AWS server. Environment or system property, else us-east-1 (most servers ignore it).
            String configured = System.getProperty("aws.region", System.getenv("AWS_REGION"));
            return configured == null || configured.isBlank() ? Region.US_EAST_1 : Region.of(configured.strip());
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkException e) {
            throw new com.productflow.common.config.InvalidSettingException("S3_REGION",
                    "is not set and no AWS region is configured (AWS_REGION or a profile)");
        }
    }

    private static AwsCredentialsProvider credentials(S3Settings settings) {
        return settings.credentials()
                .<AwsCredentialsProvider>map(c -> StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey())))
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
    }

    @Override
    public Optional<ObjectInfo> head(ObjectLocation location, String versionId) {
        try {
            HeadObjectResponse head = s3.headObject(r -> r.bucket(location.bucket()).key(location.key()).versionId(versionId));
            return Optional.of(new ObjectInfo(head.contentLength(), head.eTag(), head.versionId(), head.metadata()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && !isNoSuchBucket(e)) {
                return Optional.empty();
            }
            throw failure("HEAD", location, e);
        } catch (SdkException e) {
            throw failure("HEAD", location, e);
        }
    }

    @Override
    public InputStream get(ObjectLocation location, String versionId) {
        return call("GET", location, () -> s3.getObject(r -> r.bucket(location.bucket()).key(location.key()).versionId(versionId)));
    }

    @Override
    public InputStream getRange(ObjectLocation location, String versionId, long first, long last, String ifMatch) {
        return call("GET range", location, () -> s3.getObject(r -> r.bucket(location.bucket()).key(location.key())
                .versionId(versionId).range("bytes=" + first + "-" + last).ifMatch(ifMatch)));
    }

    @Override
    public void put(ObjectLocation location, byte[] data, int length, String sha256Base64,
            Map<String, String> metadata, String contentType, WriteCondition condition) {
        conditional("PUT", location, condition, () -> s3.putObject(r -> r.bucket(location.bucket()).key(location.key())
                        .contentType(contentType).metadata(metadata)
                        .ifMatch(condition.ifMatch()).ifNoneMatch(condition.ifNoneMatchHeader())
                        .checksumAlgorithm(ChecksumAlgorithm.SHA256).checksumSHA256(sha256Base64),
                body(data, length)));
    }

    @Override
    public String startMultipart(ObjectLocation location, Map<String, String> metadata, String contentType,
            PartChecksum partChecksum) {
        return call("CreateMultipartUpload", location, () -> s3.createMultipartUpload(r -> r
                .bucket(location.bucket()).key(location.key()).contentType(contentType).metadata(metadata)
                .checksumAlgorithm(objectChecksums ? sdkAlgorithm(partChecksum) : null))).uploadId();
    }

    @Override
    public UploadedPart uploadPart(ObjectLocation location, String uploadId, int partNumber, byte[] data, int length,
            PartChecksum.Value checksum) {
        var response = call("UploadPart " + partNumber, location, () -> s3.uploadPart(r -> {
            r.bucket(location.bucket()).key(location.key()).uploadId(uploadId).partNumber(partNumber)
                    .contentLength((long) length)
                    .checksumAlgorithm(objectChecksums ? sdkAlgorithm(checksum.algorithm()) : null);
            // Sent as its header whether or not the upload declared an algorithm: the server checks the body against it.
            switch (checksum.algorithm()) {
                case CRC32C -> r.checksumCRC32C(checksum.base64());
                case CRC32 -> r.checksumCRC32(checksum.base64());
                case SHA256 -> r.checksumSHA256(checksum.base64());
            }
        }, body(data, length)));
        return new UploadedPart(partNumber, response.eTag(), checksum);
    }

    @Override
    public UploadedPart uploadPartCopy(ObjectLocation source, String ifMatch, long first, long last,
            ObjectLocation target, String uploadId, int partNumber) {
        var response = call("UploadPartCopy " + partNumber, target, () -> s3.uploadPartCopy(r -> r
                .sourceBucket(source.bucket()).sourceKey(source.key()).copySourceIfMatch(ifMatch)
                .copySourceRange("bytes=" + first + "-" + last)
                .destinationBucket(target.bucket()).destinationKey(target.key())
                .uploadId(uploadId).partNumber(partNumber)));
        CopyPartResult result = response.copyPartResult();
        return new UploadedPart(partNumber, result.eTag(), copiedPartChecksum(result));
    }

    /** The checksum S3 computed for a copied part, in the algorithm its upload declared (none when it declared none). */
    private static PartChecksum.Value copiedPartChecksum(CopyPartResult result) {
        if (result.checksumCRC32C() != null) {
            return new PartChecksum.Value(PartChecksum.CRC32C, result.checksumCRC32C());
        }
        if (result.checksumCRC32() != null) {
            return new PartChecksum.Value(PartChecksum.CRC32, result.checksumCRC32());
        }
        if (result.checksumSHA256() != null) {
            return new PartChecksum.Value(PartChecksum.SHA256, result.checksumSHA256());
        }
        return null;
    }

    @Override
    public void completeMultipart(ObjectLocation location, String uploadId, List<UploadedPart> parts, WriteCondition condition) {
        List<CompletedPart> completed = new ArrayList<>(parts.size());
        for (UploadedPart part : parts) {
            CompletedPart.Builder builder = CompletedPart.builder().partNumber(part.partNumber()).eTag(part.eTag());
            PartChecksum.Value checksum = part.checksum();
            if (objectChecksums && checksum != null) {
                // An upload that declared an algorithm must list every part's checksum in it.
                switch (checksum.algorithm()) {
                    case CRC32C -> builder.checksumCRC32C(checksum.base64());
                    case CRC32 -> builder.checksumCRC32(checksum.base64());
                    case SHA256 -> builder.checksumSHA256(checksum.base64());
                }
            }
            completed.add(builder.build());
        }
        conditional("CompleteMultipartUpload", location, condition, () -> s3.completeMultipartUpload(r -> r
                .bucket(location.bucket()).key(location.key()).uploadId(uploadId)
                .ifMatch(condition.ifMatch()).ifNoneMatch(condition.ifNoneMatchHeader())
                .multipartUpload(m -> m.parts(completed))));
    }

    private static ChecksumAlgorithm sdkAlgorithm(PartChecksum checksum) {
        return switch (checksum) {
            case CRC32C -> ChecksumAlgorithm.CRC32_C;
            case CRC32 -> ChecksumAlgorithm.CRC32;
            case SHA256 -> ChecksumAlgorithm.SHA256;
        };
    }

    @Override
    public void abortMultipart(ObjectLocation location, String uploadId) {
        try {
            s3.abortMultipartUpload(r -> r.bucket(location.bucket()).key(location.key()).uploadId(uploadId));
        } catch (NoSuchUploadException e) {
            // already gone
        } catch (SdkException e) {
            throw failure("AbortMultipartUpload", location, e);
        }
    }

    @Override
    public List<PendingUpload> listMultipartUploads(String bucket, String prefix) {
        List<PendingUpload> uploads = new ArrayList<>();
        try {
            s3.listMultipartUploadsPaginator(r -> r.bucket(bucket).prefix(prefix)).uploads()
                    .forEach(u -> uploads.add(new PendingUpload(u.key(), u.uploadId())));
        } catch (SdkException e) {
            throw failure("ListMultipartUploads", new ObjectLocation(bucket, prefix.isEmpty() ? "/" : prefix), e);
        }
        return uploads;
    }

    @Override
    public void copy(ObjectLocation source, String ifMatch, ObjectLocation target, Map<String, String> metadata,
            String contentType, WriteCondition condition) {
        conditional("CopyObject", target, condition, () -> s3.copyObject(r -> r
                .sourceBucket(source.bucket()).sourceKey(source.key()).copySourceIfMatch(ifMatch)
                .destinationBucket(target.bucket()).destinationKey(target.key())
                // The destination's condition (S3 added it to CopyObject in 2025); copySourceIfMatch is the source's.
                .ifMatch(condition.ifMatch()).ifNoneMatch(condition.ifNoneMatchHeader())
                .metadataDirective(MetadataDirective.REPLACE).metadata(metadata).contentType(contentType)
                // S3 then stores a full-object SHA-256 of the copy, the same value as our metadata.
                .checksumAlgorithm(objectChecksums ? ChecksumAlgorithm.SHA256 : null)));
    }

    @Override
    public void delete(ObjectLocation location) {
        call("DELETE", location, () -> s3.deleteObject(r -> r.bucket(location.bucket()).key(location.key())));
    }

    @Override
    public List<String> list(String bucket, String prefix) {
        List<String> keys = new ArrayList<>();
        try {
            s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents().stream()
                    .map(S3Object::key).forEach(keys::add);
        } catch (NoSuchBucketException e) {
            throw new ObjectNotFoundException("no such bucket: " + bucket);
        } catch (SdkException e) {
            throw new ObjectStoreException("S3 ListObjectsV2 s3://" + bucket + "/" + prefix + " failed: " + e.getMessage(), e);
        }
        return keys;
    }

    @Override
    public ObjectListing listPage(String bucket, String prefix, String continuationToken, int maxKeys) {
        try {
            ListObjectsV2Response page = s3.listObjectsV2(r -> r.bucket(bucket).prefix(prefix).maxKeys(maxKeys)
                    .continuationToken(continuationToken));
            List<ObjectListing.Entry> entries = new ArrayList<>();
            for (S3Object object : page.contents()) {
                entries.add(new ObjectListing.Entry(object.key(), object.eTag() == null ? null : object.eTag().replace("\"", ""), object.size()));
            }
            return new ObjectListing(entries, Optional.ofNullable(page.nextContinuationToken()).filter(t -> !t.isEmpty()));
        } catch (NoSuchBucketException e) {
            throw new ObjectNotFoundException("no such bucket: " + bucket);
        } catch (SdkException e) {
            throw new ObjectStoreException("S3 ListObjectsV2 s3://" + bucket + "/" + prefix + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    /** A replayable body over the buffer without copying it (retries re-read it from the start). */
    private static RequestBody body(byte[] data, int length) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(data, 0, length), length,
                "application/octet-stream");
    }

    /**
     * A write under {@code condition}: its refusal (412, 409 ConditionalRequestConflict, or 404 for an
     * If-Match on a key that holds nothing) is a {@link ConditionalWriteException}.
     */
    private static <T> T conditional(String operation, ObjectLocation location, WriteCondition condition, Supplier<T> request) {
        try {
            return request.get();
        } catch (S3Exception e) {
            boolean refused = e.statusCode() == 412 || e.statusCode() == 409
                    || (e.statusCode() == 404 && condition.ifMatch() != null && !isNoSuchBucket(e));
            if (!condition.isNone() && refused) {
                throw new ConditionalWriteException(location, condition, e);
            }
            throw failure(operation, location, e);
        } catch (SdkException e) {
            throw failure(operation, location, e);
        }
    }

    private static <T> T call(String operation, ObjectLocation location, Supplier<T> request) {
        try {
            return request.get();
        } catch (SdkException e) {
            throw failure(operation, location, e);
        }
    }

    private static RuntimeException failure(String operation, ObjectLocation location, SdkException e) {
        if (e instanceof NoSuchBucketException || (e instanceof S3Exception s && isNoSuchBucket(s))) {
            return new ObjectNotFoundException("no such bucket: " + location.bucket() + " (" + operation + " " + location + ")");
        }
        if (e instanceof NoSuchKeyException) {
            return new ObjectNotFoundException(location);
        }
        if (e instanceof NoSuchUploadException) {
            return new UploadGoneException("multipart upload gone (" + operation + " " + location + ")", e);
        }
        if (e instanceof S3Exception s && s.statusCode() == 412) {
            return new ObjectChangedException(location);
        }
        return new ObjectStoreException("S3 " + operation + " " + location + " failed: " + e.getMessage(), e);
    }

    private static boolean isNoSuchBucket(S3Exception e) {
        return e.awsErrorDetails() != null && "NoSuchBucket".equals(e.awsErrorDetails().errorCode());
    }
}
