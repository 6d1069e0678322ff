package com.productflow.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.productflow.common.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectLocationTest {
    @Test
    void parsesBucketAndKeyLiterally() {
        ObjectLocation location = ObjectLocation.parse("s3://my-bucket/in/a%20b/../c.json");
        assertThat(location.bucket()).isEqualTo("my-bucket");
        assertThat(location.key()).isEqualTo("in/a%20b/../c.json");
        assertThat(location).hasToString("s3://my-bucket/in/a%20b/../c.json");
        assertThat(ObjectLocation.parse("s3://b.c-d/k/").key()).isEqualTo("k/");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "bucket/key", "http://bucket/key", "s3://", "s3://bucket", "s3://bucket/", "s3:///key",
            "s3://Bucket/key", "s3://ab/key", "s3://bucket_name/key", "s3://-bucket/key", "s3://a..b/key"})
    void rejectsWhatIsNotAnS3Uri(String uri) {
        assertThatThrownBy(() -> ObjectLocation.parse(uri)).isInstanceOf(BadInputException.class);
    }

    @Test
    void rejectsNulAndOverlongKeys() {
        assertThatThrownBy(() -> new ObjectLocation("bucket", "a\0b")).hasMessageContaining("NUL");
        assertThatThrownBy(() -> new ObjectLocation("bucket", "é".repeat(513))).hasMessageContaining("1024 bytes");
        assertThat(new ObjectLocation("bucket", "é".repeat(512)).key()).hasSize(512);
    }
}
