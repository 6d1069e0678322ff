package com.productflow.convert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.productflow.common.concurrent.Threads;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ExecutorService;

/**
 * Streams a JSON array of product objects, or JSON Lines (one object per line), optionally gzipped
 * (detected by magic bytes), UTF-8 with or without BOM, into the product-feed XML in one pass and
 * constant memory, computing counts and both SHA-256s on the way.
 *
 * <p>Shape: {@code <?xml version="1.0" encoding="UTF-8"?>}, the profile's root element, one record
 * element per object (one per line), each key an element, nested objects nested elements, and each
 * array an element whose items are wrapped in the profile's item element for that key (see
 * {@link MappingProfile}). Scalars are written exactly as the JSON text had them (numbers are never
 * reformatted); {@code true|false} as such; {@code null} per {@link NullHandling} (in nil mode the root
 * declares the {@code xsi} namespace). Empty objects and arrays become empty elements.
 *
 * <p>Why it is fast: a string value's UTF-8 bytes are copied from Jackson's input buffer into the XML
 * ({@link RawStringParser}, {@link XmlOutput#rawTextElement}), escaped on the way, with anything
 * unusual left to Jackson's decoding; other token text goes straight from Jackson's char buffer into
 * {@link XmlOutput}, which escapes and encodes into large byte buffers; element bytes are cached per
 * key, and the next key is predicted from the order seen before and checked by Jackson as a byte
 * comparison ({@link JsonParser#nextFieldName(com.fasterxml.jackson.core.SerializableString)}).
 * Reading and hashing the input ({@link InputPump}) and hashing and writing the output
 * ({@link OutputPump}) run on helper threads that live only for the call (one shared helper
 * for local files, one per side for other streams), so the calling thread only
 * parses and encodes: SHA-256 of input plus output costs about as much CPU as parsing. Nesting is
 * tracked with an explicit stack (no recursion), bounded by {@code maxDepth}. Memory: about 2 MB of
 * buffers plus the longest single value, whatever the input size.
 *
 * <p>Instances are immutable and thread-safe; each call keeps its own state.
 */
public final class JsonToXmlConverter implements StreamConversion {
    private static final int PROGRESS_STEP = 8 << 20;
    private static final Duration IO_STOP_WAIT = Duration.ofSeconds(10);
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private final ConversionOptions options;
    private final JsonFactory factory;
    private final byte[] prologue;
    private final byte[] epilogue;
    private final byte[] recordOpen;
    private final byte[] recordClose;

    public JsonToXmlConverter() {
        this(ConversionOptions.defaults());
    }

    public JsonToXmlConverter(ConversionOptions options) {
        this(options, true);
    }

    /** With {@code rawStrings} false, every string goes through Jackson's decoding (tests compare the two). */
    JsonToXmlConverter(ConversionOptions options, boolean rawStrings) {
        this.options = options;
        this.factory = new ConverterJsonFactory(new JsonFactoryBuilder()
                .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                .streamReadConstraints(StreamReadConstraints.builder()
                        // Our own depth check fires first with a clearer message; Jackson's is the backstop.
                        .maxNestingDepth(options.maxDepth() + 2)
                        .maxStringLength(options.maxStringLength())
                        .maxNameLength(options.maxStringLength())
                        .maxNumberLength(options.maxNumberLength())
                        .maxDocumentLength(-1)
                        .build()), rawStrings);
        MappingProfile profile = options.profile();
        String root = profile.root();
        String ns = options.nulls() == NullHandling.NIL ? " xmlns:xsi=\"" + XSI + "\"" : "";
        this.prologue = XmlOutput.utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + root + ns + ">\n");
        this.epilogue = XmlOutput.utf8("</" + root + ">\n");
        this.recordOpen = XmlOutput.utf8("<" + profile.record() + ">");
        this.recordClose = XmlOutput.utf8("</" + profile.record() + ">\n");
    }

    public ConversionOptions options() {
        return options;
    }

    /**
     * Converts {@code in} to {@code out}. Neither stream is closed. Malformed input throws a
     * {@link MalformedInputException} (a {@link com.productflow.common.BadInputException}) naming line,
     * column, byte offset and record index; whatever was written to {@code out} by then is incomplete
     * (use {@link FileConversion} for all-or-nothing files).
     */
    public ConversionResult convert(InputStream in, OutputStream out) throws IOException {
        return convert(in, out, ProgressListener.NONE);
    }

    public ConversionResult convert(InputStream in, OutputStream out, ProgressListener progress) throws IOException {
        return convert(in, out, progress, false);
    }

    /**
     * With {@code localFiles}, reading/hashing the input and hashing/writing the output share one
     * helper thread: right for local files, whose reads and writes never block for long. On 2 cores,
     * the parsing thread plus a single helper never leave a runnable thread waiting for a core,
     * whereas two helpers runnable at the same moment take the parsing thread's core, although they
     * need less CPU than it does (bench/RESULTS.md, "One I/O helper for local files").
     * Otherwise (streams over a network, S3) each side gets its own helper, so a slow read does not
     * hold up writes. A helper runs its pump's tasks in order; its queue is bounded by the pumps,
     * each task recycling one of a pump's fixed buffers.
     */
    @Override
    public ConversionResult convert(InputStream in, OutputStream out, ProgressListener progress, boolean localFiles)
            throws IOException {
        ExecutorService readIo = Threads.pool(localFiles ? "productflow-convert-io" : "productflow-convert-read", 1);
        ExecutorService writeIo = localFiles ? readIo : Threads.pool("productflow-convert-write", 1);
        try (InputPump input = new InputPump(in, readIo);
                OutputPump output = new OutputPump(out, writeIo)) {
            XmlOutput xml = new XmlOutput(output, output.firstBuffer(), options.strict());
            long records = convert(input.stream(), xml, input, progress);
            output.finish();
            progress.progress(input.bytesIn(), records);
            return new ConversionResult(records, input.bytesIn(), output.bytesOut(), input.sha256(), output.sha256());
        } finally {
            // Drops tasks not yet started and interrupts a running one (e.g. a read blocked after the
            // parser gave up). On success every task the result depends on has completed by now.
            Threads.stop(writeIo, IO_STOP_WAIT);
            Threads.stop(readIo, IO_STOP_WAIT);
        }
    }

    private long convert(InputStream rawIn, XmlOutput xml, InputPump counter, ProgressListener progress) throws IOException {
        Run run = null;
        try {
            InputStream json = InputDecoding.open(rawIn);
            try (JsonParser parser = factory.createParser(json)) {
                run = new Run(parser, xml, counter, progress);
                run.document();
            }
            xml.flush();
            drain(rawIn);
            return run.records;
        } catch (InputDecoding.CorruptGzipException | JsonProcessingException e) {
            throw ParseErrors.malformed(e, run == null ? null : run::failure);
        } catch (ForbiddenCharacterException e) {
            throw run.failure(e.getMessage() + " (strict mode)", null, e);
        }
    }

    /** Reads what the parser left unread (e.g. bytes after the gzip trailer) so the input hash covers every byte. */
    private static void drain(InputStream in) throws IOException {
        byte[] scratch = new byte[8192];
        while (in.read(scratch) >= 0) {
            // hashing happens in the stream
        }
    }

    /** The state of one conversion: parser, output, counters and the explicit nesting stack. */
    private final class Run {
        private final JsonParser parser;
        private final XmlOutput xml;
        private final InputPump counter;
        private final ProgressListener progress;
        private final FieldNames names;
        /** The same parser when string bytes can be copied raw; null for input Jackson decodes itself. */
        private final RawStringParser rawStrings;
        private final NullHandling nulls = options.nulls();
        private final int maxDepth = options.maxDepth();
        private final int maxString = options.maxStringLength();
        /**
         * How far to look for a string's closing quote in its raw bytes: a string of at most
         * {@code maxString} bytes has at most that many chars; a longer one goes to Jackson, which
         * counts chars exactly.
         */
        private final int rawScan = (int) Math.min(maxString + 1L, XmlOutput.RAW_SCAN);
        private ElementName[] closing = new ElementName[64];
        /** Item element of the array open at each level; null when that level is an object. */
        private ElementName[] itemOf = new ElementName[64];
        private long records;
        private long nextProgress = PROGRESS_STEP;

        Run(JsonParser parser, XmlOutput xml, InputPump counter, ProgressListener progress) {
            this.parser = parser;
            this.xml = xml;
            this.counter = counter;
            this.progress = progress;
            this.names = new FieldNames(options.profile(), options.strict());
            this.rawStrings = parser instanceof RawStringParser r ? r : null;
        }

        void document() throws IOException {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw failure("input is empty: expected a JSON array of objects or JSON Lines", null, null);
            }
            xml.raw(prologue);
            JsonRecords.forEach(parser, first, this::record, reason -> failure(reason, null, null));
            xml.raw(epilogue);
        }

        /** Writes one record; the parser is on its START_OBJECT. */
        private void record() throws IOException {
            xml.raw(recordOpen);
            int depth = 1;
            itemOf[0] = null;
            FieldNames.Field field = null;
            final JsonParser p = parser;
            final RawStringParser raw = rawStrings;
            final XmlOutput x = xml;
            while (true) {
                JsonToken token;
                ElementName itemName = itemOf[depth - 1];
                // In an object the next token is a key or its end. Records share their key order, so
                // try the key that came next last time: Jackson then compares the input bytes with it
                // instead of hashing and looking up the name.
                FieldNames.Field guess = itemName == null ? names.predicted() : null;
                if (guess != null && p.nextFieldName(guess.json)) {
                    names.matched(guess);
                    field = guess;
                    token = p.nextToken();
                } else {
                    // A failed guess has already advanced the parser to the token.
                    token = guess != null ? p.currentToken() : p.nextToken();
                    if (token == JsonToken.FIELD_NAME) {
                        field = names.next(p.currentName());
                        token = p.nextToken();
                    }
                }
                if (token == null) {
                    throw failure("unexpected end of input inside a record", null, null);
                }
                int id = token.id();
                if (id == JsonTokenId.ID_END_OBJECT || id == JsonTokenId.ID_END_ARRAY) {
                    depth--;
                    if (depth == 0) {
                        x.raw(recordClose);
                        break;
                    }
                    ElementName closed = closing[depth];
                    x.tag(closed.close, closed.closeWords);
                    continue;
                }
                ElementName element = itemName == null ? field.element() : itemName;
                switch (id) {
                    case JsonTokenId.ID_STRING:
                        if (raw != null && raw.hasRawString()) {
                            int start = raw.rawStart();
                            int end = Math.min(raw.rawEnd(), start + rawScan);
                            int quote = x.rawTextElement(element, raw.rawBuffer(), start, end);
                            if (quote >= 0) {
                                raw.skipRawString(quote);
                                break;
                            }
                        }
                        int length = p.getTextLength();
                        if (length > maxString) {
                            // Jackson checks only when its buffer grows; this makes the limit exact.
                            throw failure("string value of " + length + " chars is longer than the limit of "
                                    + maxString + " (setting " + ConversionOptions.MAX_STRING_LENGTH + ")", null, null);
                        }
                        x.textElement(element, p.getTextCharacters(), p.getTextOffset(), length);
                        break;
                    case JsonTokenId.ID_NUMBER_INT:
                    case JsonTokenId.ID_NUMBER_FLOAT:
                        x.asciiElement(element, p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                        break;
                    case JsonTokenId.ID_TRUE:
                        x.raw(element.open);
                        x.raw(TRUE);
                        x.raw(element.close);
                        break;
                    case JsonTokenId.ID_FALSE:
                        x.raw(element.open);
                        x.raw(FALSE);
                        x.raw(element.close);
                        break;
                    case JsonTokenId.ID_NULL:
                        if (nulls == NullHandling.EMPTY) {
                            x.raw(element.empty);
                        } else if (nulls == NullHandling.NIL) {
                            x.raw(element.nil);
                        }
                        break;
                    case JsonTokenId.ID_START_OBJECT:
                    case JsonTokenId.ID_START_ARRAY:
                        if (depth >= maxDepth) {
                            throw failure("nesting deeper than " + maxDepth + " levels (setting "
                                    + ConversionOptions.MAX_DEPTH + ")", null, null);
                        }
                        x.tag(element.open, element.openWords);
                        if (depth == closing.length) {
                            grow();
                        }
                        closing[depth] = element;
                        itemOf[depth] = id == JsonTokenId.ID_START_OBJECT ? null
                                : itemName == null ? field.item() : names.defaultItem;
                        depth++;
                        break;
                    default:
                        throw failure("unexpected token " + token, null, null);
                }
            }
            records++;
            if (counter.bytesIn() >= nextProgress) {
                nextProgress = counter.bytesIn() + PROGRESS_STEP;
                progress.progress(counter.bytesIn(), records);
            }
        }

        private void grow() {
            closing = java.util.Arrays.copyOf(closing, closing.length * 2);
            itemOf = java.util.Arrays.copyOf(itemOf, itemOf.length * 2);
        }

        MalformedInputException failure(String reason, JsonLocation where, Throwable cause) {
            JsonLocation loc = where != null ? where : parser.currentLocation();
            long offset = loc.getByteOffset() >= 0 ? loc.getByteOffset() : loc.getCharOffset();
            return new MalformedInputException(reason, loc.getLineNr(), loc.getColumnNr(), offset, records, cause);
        }
    }

    private static final byte[] TRUE = XmlOutput.utf8("true");
    private static final byte[] FALSE = XmlOutput.utf8("false");

}
