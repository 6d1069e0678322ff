package com.productflow.common.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HashingStreamsTest {
    // SHA-256("abc") from FIPS 180-2, appendix B.1.
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void inputStreamCountsAndHashesIncludingSkippedBytes() throws Exception {
        HashingInputStream in = new HashingInputStream(new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII)));
        assertThat(in.read()).isEqualTo('a');
        assertThat(in.skip(1)).isEqualTo(1);
        assertThat(in.read(new byte[4], 0, 4)).isEqualTo(1);
        assertThat(in.count()).isEqualTo(3);
        assertThat(in.sha256()).isEqualTo(ABC);
    }

    @Test
    void outputStreamCountsAndHashes() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        HashingOutputStream out = new HashingOutputStream(sink);
        out.write('a');
        out.write("bc".getBytes(StandardCharsets.US_ASCII));
        assertThat(out.count()).isEqualTo(3);
        assertThat(out.sha256()).isEqualTo(ABC).isEqualTo(Sha256.of("abc".getBytes(StandardCharsets.US_ASCII)));
        assertThat(Sha256.normalize(ABC.toUpperCase())).contains(ABC);
        assertThat(Sha256.normalize("xyz")).isEmpty();
    }
}
