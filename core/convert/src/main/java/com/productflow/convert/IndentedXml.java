package com.productflow.convert;

import com.productflow.common.io.HashingOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The XML conversion, pretty-printed ({@code convert --indent}): the converter's output passes
 * through {@link IndentingOutputStream}; byte count and SHA-256 are of the indented bytes, as
 * written. Off by default, so the default output and its speed are untouched.
 */
public final class IndentedXml implements StreamConversion {
    private final JsonToXmlConverter converter;

    public IndentedXml(JsonToXmlConverter converter) {
        this.converter = converter;
    }

    @Override
    public ConversionResult convert(InputStream in, OutputStream out, ProgressListener progress, boolean localFiles)
            throws IOException {
        HashingOutputStream hashed = new HashingOutputStream(out);
        BufferedOutputStream buffered = new BufferedOutputStream(hashed, 1 << 16);
        IndentingOutputStream indenting = new IndentingOutputStream(buffered);
        ConversionResult r = converter.convert(in, indenting, progress, localFiles);
        indenting.finish();
        return new ConversionResult(r.records(), r.bytesIn(), hashed.count(), r.inputSha256(), hashed.sha256());
    }
}
