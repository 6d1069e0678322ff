package com.productflow.parquet;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.productflow.common.io.HashingOutputStream;
import com.productflow.convert.ConversionResult;
import com.productflow.convert.InputDecoding;
import com.productflow.convert.JsonRecords;
import com.productflow.convert.MalformedInputException;
import com.productflow.convert.ParseErrors;
import com.productflow.convert.ProgressListener;
import com.productflow.convert.ReadAhead;
import com.productflow.convert.StreamConversion;
import com.productflow.schema.ProductSchema;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;

/**
 * Streams product JSON (a JSON array of objects or JSON Lines, optionally gzipped, the same inputs
 * and the same errors as the XML converter) into one Parquet file in the typed product schema
 * ({@link ParquetProductSchema}), zstd-compressed, in one pass. Memory is bounded by the row group
 * size in bytes ({@link ParquetOptions#rowGroupBytes()}) plus one record, whatever the input size.
 * Counts records and bytes and hashes input (raw, before gunzip) and output on the way. Three
 * threads share the work: reading and hashing the input ({@link ReadAhead}), parsing into rows (the
 * caller), encoding and compressing columns ({@link WriterThread}).
 *
 * <p>parquet-java writes through its non-Hadoop APIs only ({@link OutputFile},
 * {@link PlainParquetConfiguration}, {@link ZstdCodecFactory}): no Hadoop class is loaded.
 * Instances are immutable and thread-safe; each call keeps its own state.
 */
public final class JsonToParquetConverter implements StreamConversion {
    private static final int PROGRESS_STEP = 8 << 20;
    /** The media type of the output (IANA registration of 2024). */
    public static final String CONTENT_TYPE = "application/vnd.apache.parquet";

    private final ParquetOptions options;
    private final ParquetProductSchema schema;
    private final JsonFactory factory;

    public JsonToParquetConverter() {
        this(ParquetOptions.defaults());
    }

    public JsonToParquetConverter(ParquetOptions options) {
        this(options, ParquetProductSchema.product());
    }

    public JsonToParquetConverter(ParquetOptions options, ParquetProductSchema schema) {
        this.options = options;
        this.schema = schema;
        this.factory = new JsonFactoryBuilder()
                .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(options.maxDepth())
                        .maxStringLength(options.maxStringLength())
                        .maxNameLength(options.maxStringLength())
                        .maxNumberLength(options.maxNumberLength())
                        .maxDocumentLength(-1)
                        .build())
                .build();
    }

    public ParquetOptions options() {
        return options;
    }

    public ConversionResult convert(InputStream in, OutputStream out) throws IOException {
        return convert(in, out, ProgressListener.NONE, false);
    }

    @Override
    public ConversionResult convert(InputStream in, OutputStream out, ProgressListener progress, boolean localFiles)
            throws IOException {
        try (ReadAhead raw = new ReadAhead(in, "productflow-parquet-read")) {
            return convert(raw, out, progress);
        }
    }

    private ConversionResult convert(ReadAhead raw, OutputStream out, ProgressListener progress) throws IOException {
        HashingOutputStream hashed = new HashingOutputStream(out);
        BufferedOutputStream buffered = new BufferedOutputStream(hashed, 1 << 16);
        ParquetWriter<Row> writer = new Builder(new StreamOutputFile(buffered), new ProductWriteSupport(schema,
                Map.of("productflow.schema", ProductSchema.product().name() + ":" + ProductSchema.product().version())))
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(new ZstdCodecFactory(options.zstdLevel()))
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withRowGroupSize(options.rowGroupBytes())
                .withPageSize(options.pageBytes())
                .withDictionaryPageSize(options.pageBytes())
                .withDictionaryEncoding(true)
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                .withValidation(false)
                .build();
        long records;
        Run run = null;
        try {
            InputStream json = InputDecoding.open(raw.stream());
            try (JsonParser parser = factory.createParser(json);
                    WriterThread rows = new WriterThread(writer, "productflow-parquet-write")) {
                run = new Run(parser, rows, raw, progress);
                run.document();
                rows.finish(); // last row group and footer
                records = run.records;
            }
        } catch (InputDecoding.CorruptGzipException | JsonProcessingException e) {
            throw ParseErrors.malformed(e, run == null ? null : run::failure);
        } catch (RowReader.WrongTypeException e) {
            throw run.failure(e.getMessage(), null, e);
        }
        buffered.flush();
        byte[] scratch = new byte[8192];
        while (raw.stream().read(scratch) >= 0) {
            // the input hash covers every byte, also any after the JSON (e.g. past a gzip trailer)
        }
        progress.progress(raw.bytesIn(), records);
        return new ConversionResult(records, raw.bytesIn(), hashed.count(), raw.sha256(), hashed.sha256());
    }

    /** One conversion: the parser, the writer and the record count. */
    private final class Run {
        private final JsonParser parser;
        private final WriterThread writer;
        private final ReadAhead counter;
        private final ProgressListener progress;
        private final RowReader rows = new RowReader(schema.root(), options.wrongType());
        private long records;
        private long nextProgress = PROGRESS_STEP;

        Run(JsonParser parser, WriterThread writer, ReadAhead counter, ProgressListener progress) {
            this.parser = parser;
            this.writer = writer;
            this.counter = counter;
            this.progress = progress;
        }

        void document() throws IOException {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw failure("input is empty: expected a JSON array of objects or JSON Lines", null, null);
            }
            JsonRecords.forEach(parser, first, this::record, reason -> failure(reason, null, null));
        }

        private void record() throws IOException {
            writer.add(rows.read(parser));
            records++;
            if (counter.bytesIn() >= nextProgress) {
                nextProgress = counter.bytesIn() + PROGRESS_STEP;
                progress.progress(counter.bytesIn(), records);
            }
        }

        MalformedInputException failure(String reason, JsonLocation where, Throwable cause) {
            JsonLocation loc = where != null ? where : parser.currentLocation();
            long offset = loc.getByteOffset() >= 0 ? loc.getByteOffset() : loc.getCharOffset();
            return new MalformedInputException(reason, loc.getLineNr(), loc.getColumnNr(), offset, records, cause);
        }
    }

    /** parquet-java's builder over an {@link OutputFile}; both write-support hooks return ours. */
    private static final class Builder extends ParquetWriter.Builder<Row, Builder> {
        private final WriteSupport<Row> support;

        Builder(OutputFile file, WriteSupport<Row> support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Row> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return support;
        }

        @Override
        protected WriteSupport<Row> getWriteSupport(ParquetConfiguration conf) {
            return support;
        }
    }
}
