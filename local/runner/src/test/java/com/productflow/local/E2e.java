package com.productflow.local;

import com.productflow.common.io.Sha256;
import com.productflow.state.FileId;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Helpers the end-to-end tests share: sample bytes, uploads, and reading the XML back with the JDK parser. */
final class E2e {
    private E2e() {}

    static byte[] sampleArray() throws Exception {
        return Files.readAllBytes(SampleFiles.samplesFolder().resolve("sample_products.json"));
    }

    static FileId put(S3Client s3, String bucket, String key, byte[] body) {
        String etag = s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(body)).eTag();
        return FileId.ofEtag(bucket, key, etag);
    }

    static byte[] get(S3Client s3, String bucket, String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    }

    static String sha256(byte[] bytes) {
        return Sha256.of(bytes);
    }

    /** Parses the XML (fails on anything not well-formed) and counts the {@code product} children of the root. */
    static int productCount(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        int count = 0;
        for (Node n = document.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE && "product".equals(n.getNodeName())) {
                count++;
            }
        }
        return count;
    }

    static Path projectRoot() {
        return SampleFiles.samplesFolder().getParent();
    }
}
