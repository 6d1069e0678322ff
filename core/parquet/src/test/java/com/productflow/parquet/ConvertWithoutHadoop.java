package com.productflow.parquet;

import com.productflow.convert.FileConversion;
import com.productflow.convert.ProgressListener;
import java.nio.file.Path;

/** Run by {@link NoHadoopTest} in a JVM whose class path has no Hadoop jar: converts args[0] to args[1]. */
public final class ConvertWithoutHadoop {
    private ConvertWithoutHadoop() {}

    public static void main(String[] args) throws Exception {
        FileConversion.convert(new JsonToParquetConverter(), Path.of(args[0]), Path.of(args[1]), ProgressListener.NONE);
        try {
            Class.forName("org.apache.hadoop.conf.Configuration");
            System.out.println("hadoop present");
        } catch (ClassNotFoundException expected) {
            System.out.println("no hadoop");
        }
    }
}
