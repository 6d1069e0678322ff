package com.productflow.local;

import com.productflow.samples.CommittedSamples;
import com.productflow.stack.node.NodeTools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * The sample inputs of {@code samples/} ({@link CommittedSamples}) as the demo and {@code invoke} put
 * them into the input bucket: the JSON array, the JSON Lines file and a gzipped copy of the array.
 */
public final class SampleFiles {
    private SampleFiles() {}

    public static Path samplesFolder() {
        return NodeTools.projectRoot().resolve("samples");
    }

    /** Key (under {@code prefix}) to content, in upload order. */
    public static Map<String, byte[]> contents(String prefix) {
        Path folder = samplesFolder();
        try {
            byte[] array = Files.readAllBytes(folder.resolve(CommittedSamples.JSON));
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put(prefix + CommittedSamples.JSON, array);
            files.put(prefix + CommittedSamples.JSONL, Files.readAllBytes(folder.resolve(CommittedSamples.JSONL)));
            files.put(prefix + CommittedSamples.JSON + ".gz", gzip(array));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sample files in " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Puts every sample into {@code bucket}; returns key to the PutObject response (its ETag). */
    public static Map<String, PutObjectResponse> putAll(S3Client s3, String bucket, String prefix) {
        Map<String, PutObjectResponse> put = new LinkedHashMap<>();
        contents(prefix).forEach((key, body) -> put.put(key, s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(body))));
        return put;
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
