package com.productflow.convert;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One conversion of a product JSON stream into an output format (XML, Parquet), counting records and
 * bytes and hashing input and output on the way. Neither stream is closed.
 */
public interface StreamConversion {
    /**
     * @param localFiles {@code in} and {@code out} are local files, whose I/O never blocks for long
     *     (an implementation may then share one I/O helper thread between them)
     */
    ConversionResult convert(InputStream in, OutputStream out, ProgressListener progress, boolean localFiles)
            throws IOException;
}
