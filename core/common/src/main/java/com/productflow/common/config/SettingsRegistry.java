package com.productflow.common.config;

import static com.productflow.common.config.SettingType.bool;
import static com.productflow.common.config.SettingType.bytes;
import static com.productflow.common.config.SettingType.choice;
import static com.productflow.common.config.SettingType.choices;
import static com.productflow.common.config.SettingType.date;
import static com.productflow.common.config.SettingType.duration;
import static com.productflow.common.config.SettingType.integer;
import static com.productflow.common.config.SettingType.lowerCase;
import static com.productflow.common.config.SettingType.text;
import static com.productflow.common.config.SettingType.url;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting productflow knows, in the style of Kafka's {@code ConfigDef}: each key with its type
 * and validator, code default, doc and reader, in one place. The typed settings classes
 * ({@code S3Settings}, {@code StateSettings}, {@code KafkaSettings}, ...) read these through a
 * {@link SettingsSource}; {@code .env.sample} is generated from this list ({@link EnvSample}); the
 * checks module tests every environment variable of {@code template.yaml} against it.
 * {@code template.yaml} owns the deployed values; this class owns what a key means.
 *
 * <p>Checks that involve two keys stay with the class that reads them (e.g. S3_ACCESS_KEY_ID needs
 * S3_SECRET_ACCESS_KEY), and Kafka's producer keys are also checked by Kafka's own ProducerConfig.
 */
public final class SettingsRegistry {
    private static final List<Setting<?>> ALL = new ArrayList<>();

    private SettingsRegistry() {}

    private static final String BUCKET_RULE = "3-63 lower-case letters, digits, '.' or '-' (an S3 bucket name)";
    private static final String BUCKET_PATTERN = "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]";
    private static final Duration KAFKA_MAX_WAIT = Duration.ofDays(24); // Kafka's timeouts are int milliseconds

    // --- Converter (JSON -> XML) ------------------------------------------------------------------
    public static final Setting<String> CONVERT_PROFILE = define(SettingGroup.CONVERTER, "CONVERT_PROFILE", text())
            .derived("the built-in product feed (core/convert/src/main/resources/.../product-feed.properties)")
            .doc("Mapping profile file (UTF-8 properties: root, record, item.default, item.<field>, invalidKey.*).");
    public static final Setting<String> CONVERT_NULLS = define(SettingGroup.CONVERTER, "CONVERT_NULLS", choice("omit", "empty", "nil"))
            .defaultsTo("omit")
            .doc("What a JSON null becomes: omit (leave the element out), empty (<x/>) or nil (<x xsi:nil=\"true\"/>).");
    public static final Setting<Boolean> CONVERT_STRICT = define(SettingGroup.CONVERTER, "CONVERT_STRICT", bool())
            .defaultsTo("false")
            .doc("true = characters XML 1.0 forbids (control chars, unpaired surrogates, U+FFFE/U+FFFF) are an error naming"
                    + " the record; false = they are written as U+FFFD.");
    public static final Setting<Integer> CONVERT_MAX_DEPTH = define(SettingGroup.CONVERTER, "CONVERT_MAX_DEPTH", integer(1, 1_000_000))
            .defaultsTo("1000")
            .doc("Most nested objects/arrays in one record, the record object counting as 1.");
    public static final Setting<Integer> CONVERT_MAX_STRING_LENGTH = define(SettingGroup.CONVERTER, "CONVERT_MAX_STRING_LENGTH",
            integer(1, Integer.MAX_VALUE - 16))
            .defaultsTo("10000000")
            .doc("Longest string value or key in chars; one value is held in memory (up to ~4 bytes/char).");
    public static final Setting<Integer> CONVERT_MAX_NUMBER_LENGTH = define(SettingGroup.CONVERTER, "CONVERT_MAX_NUMBER_LENGTH",
            integer(1, Integer.MAX_VALUE - 16))
            .defaultsTo("10000")
            .doc("Longest number in chars (numbers are copied as written, never reformatted).");
    public static final Setting<Boolean> CONVERT_FSYNC = define(SettingGroup.CONVERTER, "CONVERT_FSYNC", bool())
            .defaultsTo("false")
            .doc("true = force the XML file to disk before it atomically replaces the target (survives power loss; costs a"
                    + " full disk write). Without it a failed run still never leaves a partial file. `convert` only.");

    // --- Parquet output ------------------------------------------------------------------------------
    public static final Setting<Long> PARQUET_ROW_GROUP_BYTES = define(SettingGroup.PARQUET, "PARQUET_ROW_GROUP_BYTES",
            bytes(1L << 16, 1L << 30))
            .defaultsTo("64MiB")
            .doc("Buffered size at which a Parquet row group is written out; memory stays about this much plus one page per"
                    + " column, whatever the input size.");
    public static final Setting<Long> PARQUET_PAGE_BYTES = define(SettingGroup.PARQUET, "PARQUET_PAGE_BYTES", bytes(1L << 10, 64L << 20))
            .defaultsTo("1MiB")
            .doc("Target Parquet page size.");
    public static final Setting<Integer> PARQUET_ZSTD_LEVEL = define(SettingGroup.PARQUET, "PARQUET_ZSTD_LEVEL", integer(1, 19))
            .defaultsTo("3")
            .doc("zstd compression level of the Parquet output (3 is DuckDB's default too).");
    public static final Setting<String> PARQUET_WRONG_TYPE = define(SettingGroup.PARQUET, "PARQUET_WRONG_TYPE", choice("text", "reject"))
            .defaultsTo("text")
            .doc("A value whose JSON type does not fit the product schema (a date that is no date, a price that is text or has"
                    + " more than 4 fraction digits): text = the column stays null and the value's JSON text goes to the 'extra'"
                    + " map under its path (itemSellingPrices[2].price); reject = the file fails naming record and field."
                    + " `convert` flag --wrong-type."
                    + " CONVERT_MAX_DEPTH / CONVERT_MAX_STRING_LENGTH / CONVERT_MAX_NUMBER_LENGTH apply to Parquet too.");

    // --- S3 ------------------------------------------------------------------------------------------
    public static final Setting<URI> S3_ENDPOINT = define(SettingGroup.S3, "S3_ENDPOINT", url())
            .example("http://127.0.0.1:9000")
            .derived("AWS S3 (region and credentials from the SDK's usual chains)")
            .doc("URL of an S3-compatible server instead of AWS; an alias of AWS_ENDPOINT_URL_S3, which wins when both are set.");
    public static final Setting<String> S3_REGION = define(SettingGroup.S3, "S3_REGION", text())
            .example("eu-west-1")
            .derived("AWS_REGION / profile, or us-east-1 when S3_ENDPOINT is set")
            .doc("Signing region of S3 requests.");
    public static final Setting<Boolean> S3_COMPAT = define(SettingGroup.S3, "S3_COMPAT", bool())
            .derived("true exactly when S3_ENDPOINT is set")
            .doc("All compatibility switches at once for S3-compatible servers that are not AWS (path-style URLs, no Expect:"
                    + " 100-continue, checksums in headers instead of aws-chunked trailers). Reads always use byte ranges"
                    + " (never ?partNumber=), so that needs no switch.");
    public static final Setting<Boolean> S3_PATH_STYLE = define(SettingGroup.S3, "S3_PATH_STYLE", bool())
            .derived("S3_COMPAT")
            .doc("Path-style URLs (the bucket in the path, not the host name).");
    public static final Setting<Boolean> S3_EXPECT_CONTINUE = define(SettingGroup.S3, "S3_EXPECT_CONTINUE", bool())
            .derived("not S3_COMPAT")
            .doc("Send Expect: 100-continue on uploads (some servers answer it in ways clients misread as a final status).");
    public static final Setting<Boolean> S3_CHUNKED_ENCODING = define(SettingGroup.S3, "S3_CHUNKED_ENCODING", bool())
            .derived("not S3_COMPAT")
            .doc("aws-chunked bodies (checksums as trailers). Off, checksums travel as headers, which servers like s3proxy"
                    + " store and check.");
    public static final Setting<Long> S3_PART_SIZE = define(SettingGroup.S3, "S3_PART_SIZE", bytes(5L << 20, 1L << 30))
            .defaultsTo("8MiB")
            .doc("Part size of multipart uploads and ranged downloads. Memory per transfer is at most S3_PART_SIZE x"
                    + " S3_PARALLELISM.");
    public static final Setting<Integer> S3_PARALLELISM = define(SettingGroup.S3, "S3_PARALLELISM", integer(1, 64))
            .defaultsTo("6")
            .doc("Parts or ranges in flight per transfer.");
    public static final Setting<Integer> S3_PART_ATTEMPTS = define(SettingGroup.S3, "S3_PART_ATTEMPTS", integer(1, 10))
            .defaultsTo("3")
            .doc("Tries per part before a transfer fails and is rolled back.");
    public static final Setting<String> S3_PART_CHECKSUM = define(SettingGroup.S3, "S3_PART_CHECKSUM", choice("crc32c", "crc32", "sha256"))
            .defaultsTo("crc32c")
            .doc("Flexible checksum each uploaded part carries; the server verifies the part against it before storing it."
                    + " CRC32C is what AWS SDKs use by default and costs next to nothing (a CPU instruction); the file's own"
                    + " SHA-256 is computed separately and stored as metadata `sha256`. Choose sha256 for a plain-http://"
                    + " endpoint across a network you do not trust (part bodies are then bound to the request signature by a"
                    + " cryptographic hash, not only guarded against corruption).");
    public static final Setting<String> S3_ACCESS_KEY_ID = define(SettingGroup.S3, "S3_ACCESS_KEY_ID", text())
            .example("local-access-key")
            .derived("the SDK's default credential chain (environment, profile, container/instance role)")
            .doc("Static credentials for a non-AWS server only (e.g. the local stack), set together with"
                    + " S3_SECRET_ACCESS_KEY. On AWS leave both unset. Never put real AWS keys here.");
    public static final Setting<String> S3_SECRET_ACCESS_KEY = define(SettingGroup.S3, "S3_SECRET_ACCESS_KEY", text())
            .example("local-secret-key")
            .derived("the SDK's default credential chain")
            .doc("The secret of S3_ACCESS_KEY_ID (a non-AWS server only). Never logged.");
    public static final Setting<String> S3_BUCKET = define(SettingGroup.S3, "S3_BUCKET", text(BUCKET_PATTERN, BUCKET_RULE))
            .example("products")
            .doc("Prototype name: the bucket `s3-convert` reads and writes when --input/--output are not given.");
    public static final Setting<String> S3_JSON_KEY = define(SettingGroup.S3, "S3_JSON_KEY", text())
            .example("incoming/sample_products.json")
            .doc("Prototype name: the JSON key `s3-convert` reads when --input is not given.");
    public static final Setting<String> S3_XML_KEY = define(SettingGroup.S3, "S3_XML_KEY", text())
            .example("xml/sample_products.xml")
            .doc("Prototype name: the XML key `s3-convert` writes when --output is not given.");

    // --- File state (DynamoDB) ---------------------------------------------------------------------
    public static final Setting<String> STATE_TABLE = define(SettingGroup.STATE, "STATE_TABLE",
            text("[A-Za-z0-9_.-]{3,255}", "3-255 characters of letters, digits, '_', '-' or '.'"))
            .defaultsTo("productflow-files")
            .doc("DynamoDB table holding file records and watermarks (terraform creates it in AWS).");
    public static final Setting<URI> DYNAMODB_ENDPOINT = define(SettingGroup.STATE, "DYNAMODB_ENDPOINT", url())
            .example("http://127.0.0.1:8000")
            .derived("AWS DynamoDB")
            .doc("Endpoint override for a local DynamoDB-API server (dynalite); an alias of AWS_ENDPOINT_URL_DYNAMODB, which"
                    + " wins when both are set. With a 127.0.0.1/localhost endpoint no AWS credentials are needed.");
    public static final Setting<String> AWS_REGION = define(SettingGroup.STATE, "AWS_REGION",
            text("[a-z]{2}(-[a-z0-9]+)+-\\d+", "a region name like eu-west-1"))
            .example("eu-west-1")
            .derived("the SDK's default chain (us-east-1 for a local endpoint)")
            .doc("AWS region (the AWS SDK reads it from the environment as well).");
    public static final Setting<Integer> STATE_RETENTION_DAYS = define(SettingGroup.STATE, "STATE_RETENTION_DAYS", integer(1, 3650))
            .defaultsTo("30")
            .doc("Days a COMPLETED record is kept before DynamoDB's TTL deletes it.");
    public static final Setting<Integer> STATE_MAX_ATTEMPTS = define(SettingGroup.STATE, "STATE_MAX_ATTEMPTS", integer(1, 100))
            .defaultsTo("3")
            .doc("Attempts per file before it is QUARANTINED.");
    public static final Setting<Duration> STATE_LEASE = define(SettingGroup.STATE, "STATE_LEASE",
            duration(Duration.ofMillis(1), Duration.ofHours(24)))
            .defaultsTo("15m")
            .doc("How long a claim holds a file before another worker may take it over (e.g. 15m, 900s, PT15M).");

    // --- AWS endpoints -----------------------------------------------------------------------------
    public static final Setting<URI> AWS_ENDPOINT_URL_S3 = define(SettingGroup.AWS_ENDPOINTS, "AWS_ENDPOINT_URL_S3", url())
            .example("http://127.0.0.1:9000")
            .derived("S3_ENDPOINT, else AWS S3")
            .doc("S3 endpoint, read by productflow's S3 client (S3Settings) as the SDK names it; S3_ENDPOINT is productflow's"
                    + " older name for the same, read when this is unset.");
    public static final Setting<URI> AWS_ENDPOINT_URL_DYNAMODB = define(SettingGroup.AWS_ENDPOINTS, "AWS_ENDPOINT_URL_DYNAMODB", url())
            .example("http://127.0.0.1:8000")
            .derived("DYNAMODB_ENDPOINT, else AWS DynamoDB")
            .doc("DynamoDB endpoint, read by the file state store (StateSettings) as the SDK names it; DYNAMODB_ENDPOINT is"
                    + " productflow's older name for the same, read when this is unset.");
    public static final Setting<URI> AWS_ENDPOINT_URL_SFN = define(SettingGroup.AWS_ENDPOINTS, "AWS_ENDPOINT_URL_SFN", url())
            .derived("AWS Step Functions")
            .doc("Step Functions endpoint, where IngestFunction and RedriveFunction start executions (their SDK reads it from"
                    + " the environment); the CLI reads it through settings to describe failed executions.");
    public static final Setting<URI> AWS_ENDPOINT_URL_LAMBDA = define(SettingGroup.AWS_ENDPOINTS, "AWS_ENDPOINT_URL_LAMBDA", url())
            .readBy(Setting.ReadBy.PLATFORM)
            .doc("Lambda endpoint, where the local Step Functions executor invokes the functions.");

    // --- SQL source ----------------------------------------------------------------------------------
    public static final Setting<String> DB_URL = define(SettingGroup.SQL, "DB_URL", text())
            .example("jdbc:sqlite:products.db")
            .doc("Source database: jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DB; the engine follows from the URL."
                    + " `load-csv` and `extract` (flag --db).");
    public static final Setting<String> DB_USER = define(SettingGroup.SQL, "DB_USER", text())
            .doc("Database user (PostgreSQL only).");
    public static final Setting<String> DB_PASSWORD = define(SettingGroup.SQL, "DB_PASSWORD", text())
            .doc("Database password (PostgreSQL only, local runs; in AWS it comes from the secret DB_SECRET_ARN).");
    public static final Setting<String> CSV_FILE_PATH = define(SettingGroup.SQL, "CSV_FILE_PATH", text())
            .example("products.csv")
            .doc("The product CSV: `load-csv` reads it (flag --csv); ExtractFunction loads it from s3://bucket/key into"
                    + " SQLite under /tmp when DB_TYPE is sqlite.");
    public static final Setting<String> LOAD_REJECTS_FILE = define(SettingGroup.SQL, "LOAD_REJECTS_FILE", text())
            .derived("<CSV_FILE_PATH>.rejects.csv beside the CSV")
            .doc("Where `load-csv` writes rejected rows (flag --rejects).");
    public static final Setting<Integer> CSV_MAX_RECORD_BYTES = define(SettingGroup.SQL, "CSV_MAX_RECORD_BYTES", integer(1024, 1 << 30))
            .defaultsTo("1048576")
            .doc("Longest CSV record accepted before the load stops as \"a quote never closed?\" (bytes).");

    // --- Extract -------------------------------------------------------------------------------------
    public static final Setting<String> ARTICLE_STATUS = define(SettingGroup.EXTRACT, "ARTICLE_STATUS", text())
            .defaultsTo("created")
            .doc("articleStatus of the products to publish (flag --status).");
    public static final Setting<Integer> DEFAULT_DAYS_BACK = define(SettingGroup.EXTRACT, "DEFAULT_DAYS_BACK", integer(0, 36_500))
            .defaultsTo("30")
            .doc("How many days back from today the readiness window starts (flag --days).");
    public static final Setting<String> EXTRACT_MODE = define(SettingGroup.EXTRACT, "EXTRACT_MODE", choice("full", "incremental"))
            .defaultsTo("full")
            .doc("full: publish the whole selection; incremental: only rows past the watermark (lastUpdated, ean) kept per"
                    + " topic+selection (KAFKA_DELIVERY=exactly-once: in KAFKA_WATERMARK_TOPIC, with a copy in the watermark"
                    + " store - the state table, or the source database's productflow_watermark table for the CLI).");
    public static final Setting<Integer> EXTRACT_FETCH_SIZE = define(SettingGroup.EXTRACT, "EXTRACT_FETCH_SIZE", integer(1, 1_000_000))
            .defaultsTo("1000")
            .doc("Rows fetched from the database per round trip.");
    public static final Setting<Integer> EXTRACT_PAGE_SIZE = define(SettingGroup.EXTRACT, "EXTRACT_PAGE_SIZE", integer(1, 10_000_000))
            .defaultsTo("10000")
            .doc("Incremental page size: the watermark advances after each fully acknowledged page.");
    public static final Setting<Duration> EXTRACT_LATE_COMMIT_DELAY = define(SettingGroup.EXTRACT, "EXTRACT_LATE_COMMIT_DELAY",
            duration(Duration.ZERO, Duration.ofDays(365)))
            .defaultsTo("10s")
            .doc("Rows changed less than this long ago wait for the next incremental run (a transaction that commits late"
                    + " with an older lastUpdated is not skipped).");
    public static final Setting<LocalDate> EXTRACT_TODAY = define(SettingGroup.EXTRACT, "EXTRACT_TODAY", date())
            .example("2026-11-25")
            .derived("today (UTC); `productflow demo`: 2026-11-25")
            .doc("The day the readiness window ends instead of today. samples/products.csv is relative to 2026-11-25, which"
                    + " `productflow demo` uses; `local` and `invoke` read it here or from --extract-today.");

    // --- Kafka producer ------------------------------------------------------------------------------
    public static final Setting<String> KAFKA_BOOTSTRAP_SERVERS = define(SettingGroup.KAFKA, "KAFKA_BOOTSTRAP_SERVERS", text())
            .example("127.0.0.1:9092")
            .doc("Kafka bootstrap servers, HOST:PORT[,HOST:PORT...]; required by `extract` (flag --bootstrap).");
    public static final Setting<String> KAFKA_TOPIC = define(SettingGroup.KAFKA, "KAFKA_TOPIC",
            text("[A-Za-z0-9._-]{1,249}", "1-249 characters of letters, digits, '.', '_' or '-'"))
            .defaultsTo("product-updates")
            .doc("Topic the products are published to, keyed by EAN (flag --topic).");
    public static final Setting<String> KAFKA_AUTH = define(SettingGroup.KAFKA, "KAFKA_AUTH", choice("none", "iam"))
            .defaultsTo("none")
            .doc("none = plaintext local broker; iam = Amazon MSK with IAM (SASL_SSL, AWS_MSK_IAM, credentials from the"
                    + " default AWS chain).");
    public static final Setting<String> KAFKA_DELIVERY = define(SettingGroup.KAFKA, "KAFKA_DELIVERY",
            choice("exactly-once", "at-least-once"))
            .defaultsTo("exactly-once")
            .doc("exactly-once: each page of products and the incremental watermark that covers it are committed in one Kafka"
                    + " transaction (consumers must read with isolation.level=read_committed), so no crash duplicates or loses a"
                    + " product; at-least-once: for brokers without transactions - a crash after the broker acknowledged a page"
                    + " and before the watermark moved publishes that page again on the next run (docs/exactly-once.md).");
    public static final Setting<String> KAFKA_TRANSACTIONAL_ID = define(SettingGroup.KAFKA, "KAFKA_TRANSACTIONAL_ID",
            text("[A-Za-z0-9._-]{1,249}", "1-249 characters of letters, digits, '.', '_' or '-'"))
            .example("productflow-extract-product-updates")
            .derived("productflow-extract-<KAFKA_TOPIC>")
            .doc("exactly-once only: the producer's transactional.id. Stable per extract, so a new run fences a previous one"
                    + " still alive (its commit fails) and aborts what a crashed one left open; IAM grants exactly this id.");
    public static final Setting<String> KAFKA_WATERMARK_TOPIC = define(SettingGroup.KAFKA, "KAFKA_WATERMARK_TOPIC",
            text("[A-Za-z0-9._-]{1,249}", "1-249 characters of letters, digits, '.', '_' or '-'"))
            .example("product-updates-watermarks")
            .derived("<KAFKA_TOPIC>-watermarks")
            .doc("exactly-once only: compacted topic (1 partition) holding the incremental watermark, written in the same"
                    + " transaction as the products it covers and read committed at start; created by the extract when missing.");
    public static final Setting<Duration> KAFKA_TRANSACTION_TIMEOUT = define(SettingGroup.KAFKA, "KAFKA_TRANSACTION_TIMEOUT",
            duration(Duration.ofSeconds(1), Duration.ofMinutes(15)))
            .defaultsTo("2m")
            .doc("exactly-once only: transaction.timeout.ms - the broker aborts a transaction left open this long (a crashed"
                    + " run's, when no new run comes first); read_committed consumers wait at most this long behind one.");
    public static final Setting<String> KAFKA_CLIENT_ID = define(SettingGroup.KAFKA, "KAFKA_CLIENT_ID", text())
            .defaultsTo("productflow-extract")
            .doc("The producer's client.id (broker logs and quotas).");
    public static final Setting<Boolean> KAFKA_ENABLE_IDEMPOTENCE = define(SettingGroup.KAFKA, "KAFKA_ENABLE_IDEMPOTENCE", bool())
            .defaultsTo("true")
            .doc("Idempotent producer (enable.idempotence): with KAFKA_ACKS=all, a retried send is never duplicated.");
    public static final Setting<String> KAFKA_ACKS = define(SettingGroup.KAFKA, "KAFKA_ACKS", lowerCase("Kafka's ProducerConfig: all, 1, 0"))
            .defaultsTo("all")
            .doc("acks: all, 1 or 0. Idempotence needs all.");
    public static final Setting<String> KAFKA_COMPRESSION_TYPE = define(SettingGroup.KAFKA, "KAFKA_COMPRESSION_TYPE",
            lowerCase("Kafka's ProducerConfig: none, gzip, snappy, lz4, zstd"))
            .defaultsTo("lz4")
            .doc("compression.type: none, gzip, snappy, lz4 or zstd.");
    public static final Setting<Long> KAFKA_BATCH_SIZE = define(SettingGroup.KAFKA, "KAFKA_BATCH_SIZE", bytes(1, 16L << 20))
            .defaultsTo("256KiB")
            .doc("batch.size: bytes per partition batch.");
    public static final Setting<Integer> KAFKA_LINGER_MS = define(SettingGroup.KAFKA, "KAFKA_LINGER_MS", integer(0, 60_000))
            .defaultsTo("10")
            .doc("linger.ms: how long a batch waits for more records.");
    public static final Setting<Long> KAFKA_BUFFER_MEMORY = define(SettingGroup.KAFKA, "KAFKA_BUFFER_MEMORY", bytes(1L << 20, 2L << 30))
            .defaultsTo("64MiB")
            .doc("buffer.memory: the producer's buffer for records not yet sent.");
    public static final Setting<Integer> KAFKA_MAX_IN_FLIGHT = define(SettingGroup.KAFKA, "KAFKA_MAX_IN_FLIGHT", integer(1, 100))
            .defaultsTo("5")
            .doc("max.in.flight.requests.per.connection: at most 5 with idempotence.");
    public static final Setting<Duration> KAFKA_CONNECT_TIMEOUT = define(SettingGroup.KAFKA, "KAFKA_CONNECT_TIMEOUT",
            duration(Duration.ofMillis(1), KAFKA_MAX_WAIT))
            .defaultsTo("30s")
            .doc("How long a run waits for an unreachable broker before failing (max.block.ms; flag --connect-timeout).");
    public static final Setting<Duration> KAFKA_REQUEST_TIMEOUT = define(SettingGroup.KAFKA, "KAFKA_REQUEST_TIMEOUT",
            duration(Duration.ofMillis(1), KAFKA_MAX_WAIT))
            .defaultsTo("30s")
            .doc("request.timeout.ms: how long one request may wait for the broker's answer.");
    public static final Setting<Duration> KAFKA_DELIVERY_TIMEOUT = define(SettingGroup.KAFKA, "KAFKA_DELIVERY_TIMEOUT",
            duration(Duration.ofMillis(1), KAFKA_MAX_WAIT))
            .defaultsTo("2m")
            .doc("delivery.timeout.ms: total time a record may take, retries included, before it counts as failed"
                    + " (at least KAFKA_REQUEST_TIMEOUT + KAFKA_LINGER_MS).");

    // --- Lambda functions ----------------------------------------------------------------------------
    public static final Setting<String> INPUT_BUCKET = define(SettingGroup.FUNCTIONS, "INPUT_BUCKET", text(BUCKET_PATTERN, BUCKET_RULE))
            .example("productflow-input")
            .doc("Input bucket (informational for the functions; the events name their objects).");
    public static final Setting<String> OUTPUT_BUCKET = define(SettingGroup.FUNCTIONS, "OUTPUT_BUCKET", text(BUCKET_PATTERN, BUCKET_RULE))
            .example("productflow-output")
            .doc("Bucket of the XML and Parquet outputs (ConvertFunction).");
    public static final Setting<String> OUTPUT_PREFIX = define(SettingGroup.FUNCTIONS, "OUTPUT_PREFIX", text())
            .defaultsTo("xml/")
            .doc("Key prefix of the XML outputs; the key is <prefix><input key>.xml.");
    public static final Setting<List<String>> OUTPUT_FORMATS = define(SettingGroup.FUNCTIONS, "OUTPUT_FORMATS",
            choices("xml", "parquet"))
            .defaultsTo("xml")
            .doc("What ConvertFunction writes: xml, parquet, or xml,parquet (both from one read of the input). The file's"
                    + " record holds each output's key and SHA-256 (outputKey/outputSha256 for the XML, parquetKey/parquetSha256/"
                    + "parquetRows/parquetBytes for the Parquet). Template parameter OutputFormats.");
    public static final Setting<String> PARQUET_OUTPUT_PREFIX = define(SettingGroup.FUNCTIONS, "PARQUET_OUTPUT_PREFIX", text())
            .defaultsTo("parquet/")
            .doc("Key prefix of the Parquet outputs (OUTPUT_FORMATS with parquet); the key is <prefix><input key>.parquet,"
                    + " in OUTPUT_BUCKET. Keep it apart from OUTPUT_PREFIX, so an engine reading it sees Parquet only."
                    + " Template parameter ParquetOutputPrefix.");
    public static final Setting<String> STATE_MACHINE_ARN = define(SettingGroup.FUNCTIONS, "STATE_MACHINE_ARN", text())
            .doc("ARN of the process-file state machine that IngestFunction and RedriveFunction start.");
    public static final Setting<String> DB_TYPE = define(SettingGroup.FUNCTIONS, "DB_TYPE", choice("sqlite", "postgresql"))
            .defaultsTo("sqlite")
            .doc("ExtractFunction's SQL source: sqlite (the CSV at CSV_FILE_PATH, s3://bucket/key, loaded into /tmp) or"
                    + " postgresql (credentials from the Secrets Manager secret DB_SECRET_ARN; never put them here).");
    public static final Setting<String> DB_SECRET_ARN = define(SettingGroup.FUNCTIONS, "DB_SECRET_ARN", text())
            .doc("Secrets Manager secret with the PostgreSQL connection (username, password, and jdbcUrl or host and dbname).");
    public static final Setting<Duration> DB_SECRET_MAX_AGE = define(SettingGroup.FUNCTIONS, "DB_SECRET_MAX_AGE",
            duration(Duration.ZERO, Duration.ofDays(365)))
            .defaultsTo("5m")
            .doc("ExtractFunction keeps the database secret DB_SECRET_ARN at most this long before reading it again (a"
                    + " rotated password is also re-read at once when the database refuses the old one).");
    public static final Setting<Duration> REDRIVE_PENDING_AFTER = define(SettingGroup.FUNCTIONS, "REDRIVE_PENDING_AFTER",
            duration(Duration.ZERO, Duration.ofDays(365)))
            .defaultsTo("15m")
            .doc("RedriveFunction restarts a PENDING file whose execution never started after this long.");

    // --- Local stack and CLI -------------------------------------------------------------------------
    public static final Setting<String> PRODUCTFLOW_NODE = define(SettingGroup.LOCAL, "PRODUCTFLOW_NODE", text())
            .readBy(Setting.ReadBy.ENVIRONMENT)
            .example("node")
            .derived("node on the PATH")
            .doc("Node binary for the local Node tools (DynamoDB API, Step Functions executor). Node 20 works: the executor"
                    + " polyfills the one Node 22 API aws-local-stepfunctions uses.");
    public static final Setting<String> PRODUCTFLOW_LOG_LEVEL = define(SettingGroup.LOCAL, "PRODUCTFLOW_LOG_LEVEL",
            choice("OFF", "ERROR", "WARN", "INFO", "DEBUG", "TRACE"))
            .readBy(Setting.ReadBy.ENVIRONMENT)
            .defaultsTo("WARN")
            .doc("Level of productflow's own log lines in the CLI (stderr; read by log4j2-cli.xml): WARN, or INFO to see the"
                    + " handlers at work under `productflow local`.");

    // --- Lambda runtime ------------------------------------------------------------------------------
    public static final Setting<String> JAVA_TOOL_OPTIONS = define(SettingGroup.LAMBDA_RUNTIME, "JAVA_TOOL_OPTIONS", text())
            .readBy(Setting.ReadBy.PLATFORM)
            .doc("JVM options of the functions (tiered compilation; ConvertFunction runs full C2).");
    public static final Setting<String> POWERTOOLS_SERVICE_NAME = define(SettingGroup.LAMBDA_RUNTIME, "POWERTOOLS_SERVICE_NAME", text())
            .readBy(Setting.ReadBy.PLATFORM)
            .doc("Service name in the functions' structured logs and metrics (Powertools).");
    public static final Setting<String> POWERTOOLS_METRICS_NAMESPACE = define(SettingGroup.LAMBDA_RUNTIME, "POWERTOOLS_METRICS_NAMESPACE",
            text())
            .readBy(Setting.ReadBy.PLATFORM)
            .doc("CloudWatch namespace of the functions' metrics (Powertools).");
    public static final Setting<String> POWERTOOLS_LOG_LEVEL = define(SettingGroup.LAMBDA_RUNTIME, "POWERTOOLS_LOG_LEVEL",
            choice("ERROR", "WARN", "INFO", "DEBUG", "TRACE"))
            .readBy(Setting.ReadBy.PLATFORM)
            .doc("Level of the functions' logs (Powertools).");

    private static final Map<String, Setting<?>> BY_KEY = index();

    /** Every setting, grouped, in definition order. */
    public static List<Setting<?>> all() {
        return Collections.unmodifiableList(ALL);
    }

    /** The setting named {@code key}, if productflow knows it. */
    public static Optional<Setting<?>> find(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    /** The setting named {@code key}; an unknown key is an {@link InvalidSettingException} naming it. */
    public static Setting<?> setting(String key) {
        return find(key).orElseThrow(() -> new InvalidSettingException(key, "is not a setting productflow knows"
                + " (every key is defined in " + SettingsRegistry.class.getSimpleName() + ")"));
    }

    private static Map<String, Setting<?>> index() {
        Map<String, Setting<?>> byKey = new LinkedHashMap<>();
        for (Setting<?> s : ALL) {
            if (byKey.put(s.key(), s) != null) {
                throw new IllegalStateException("setting " + s.key() + " is defined twice");
            }
        }
        return byKey;
    }

    private static <T> Definition<T> define(SettingGroup group, String key, SettingType<T> type) {
        return new Definition<>(group, key, type);
    }

    /** Collects one setting's attributes; {@link #doc} ends the definition and registers it. */
    private static final class Definition<T> {
        private final SettingGroup group;
        private final String key;
        private final SettingType<T> type;
        private String defaultText;
        private String derived;
        private String example;
        private Setting.ReadBy readBy = Setting.ReadBy.SETTINGS;

        Definition(SettingGroup group, String key, SettingType<T> type) {
            this.group = group;
            this.key = key;
            this.type = type;
        }

        Definition<T> defaultsTo(String text) {
            this.defaultText = text;
            return this;
        }

        Definition<T> derived(String text) {
            this.derived = text;
            return this;
        }

        Definition<T> example(String text) {
            this.example = text;
            return this;
        }

        Definition<T> readBy(Setting.ReadBy value) {
            this.readBy = value;
            return this;
        }

        Setting<T> doc(String doc) {
            Setting<T> setting = new Setting<>(key, group, type, Optional.ofNullable(defaultText), Optional.ofNullable(derived),
                    Optional.ofNullable(example), doc, readBy);
            ALL.add(setting);
            return setting;
        }
    }
}
