package com.productflow.functions.extract;

import com.productflow.extract.sql.Database;
import java.io.IOException;

/** Where the extract reads products from, resolved per invocation (a CSV in S3 may have changed). */
@FunctionalInterface
public interface SqlSource {
    Database database() throws IOException;
}
