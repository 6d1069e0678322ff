package com.productflow.extract.publish;

import com.productflow.common.ProductflowException;
import com.productflow.common.watermark.Watermark;
import com.productflow.common.watermark.WatermarkStore;
import com.productflow.extract.IsoTime;
import com.productflow.extract.ProductColumn;
import com.productflow.extract.sql.Database;
import com.productflow.extract.sql.SqlDialect;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Selects the ready products and publishes each as one Kafka message keyed by EAN, counting the
 * broker's acknowledgements. A run either publishes everything it selected or throws
 * {@link PublishIncompleteException} with the counts: never success with losses.
 *
 * <p>Incremental mode walks the selection in ({@code lastUpdated}, {@code ean}) order with keyset
 * pagination: each page is the rows strictly after the watermark, and the watermark moves to the
 * page's last row only once the broker acknowledged the whole page. Rows with equal timestamps are
 * ordered by EAN, so a page boundary between them neither skips nor repeats any. Rows without a
 * {@code lastUpdated} cannot be placed and are left to full runs.
 *
 * <p>Exactly-once ({@code KAFKA_DELIVERY}, the default): each page is one Kafka transaction that also carries the
 * watermark record ({@link TopicWatermarks}), as KIP-618 commits a source connector's offsets with its records;
 * the run starts from the committed watermark (or the store's copy, when that is later: runs made before in
 * at-least-once mode) and copies each committed watermark to the {@link WatermarkStore} for operators. Full
 * runs commit every {@code EXTRACT_PAGE_SIZE} records, to keep transactions short. At-least-once: the store's
 * watermark moves with a compare-and-set after the page was acknowledged.
 *
 * <p>An incremental run that finds no row after the store's watermark returns at once, without a producer, when
 * that is also true of the watermark it would start from: always at-least-once; exactly-once when the topic is
 * known ({@link CommittedWatermarks}) to hold the store's watermark or a later one. A dead broker then goes
 * unnoticed until there is something to publish.
 */
public final class ProductExtractor {
    private static final List<ProductColumn> COLUMNS = ProductColumn.ALL;
    private static final Logger LOG = LoggerFactory.getLogger(ProductExtractor.class);

    private final Database database;
    private final WatermarkStore watermarks;
    private final Clock clock;
    private final CommittedWatermarks committedSeen;
    private LongConsumer progress = sent -> {};
    private Consumer<Watermark> beforeCommit = mark -> {};

    public ProductExtractor(Database database, WatermarkStore watermarks, Clock clock) {
        this(database, watermarks, clock, new CommittedWatermarks());
    }

    /** @param committed what earlier runs in this process saw committed (kept by the caller across runs) */
    public ProductExtractor(Database database, WatermarkStore watermarks, Clock clock, CommittedWatermarks committed) {
        this.database = database;
        this.watermarks = watermarks;
        this.clock = clock;
        this.committedSeen = committed;
    }

    /**
     * Called with the running count after each record handed to the producer, on the thread that sends
     * (tests use it to cut the broker).
     */
    public ProductExtractor onSent(LongConsumer listener) {
        this.progress = listener;
        return this;
    }

    /**
     * Called on the run's thread once the broker acknowledged a whole incremental page (and, exactly-once, the
     * watermark record), before the watermark is committed: the moment a crash used to duplicate the page. What
     * it throws ends the run there, as a crash would (tests throw or pause in it).
     */
    public ProductExtractor beforeWatermarkCommit(Consumer<Watermark> hook) {
        this.beforeCommit = hook;
        return this;
    }

    /** The watermark key of a topic and selection. */
    public static String stream(String topic, ExtractSettings selection) {
        return topic + "|articleStatus=" + selection.articleStatus() + "|daysBack=" + selection.daysBack();
    }

    /**
     * @param today the day the "days back" window ends (the clock's date unless overridden)
     */
    public ExtractResult run(KafkaSettings kafka, ExtractSettings selection, LocalDate today) {
        String runId = UUID.randomUUID().toString();
        LocalDate since = today.minusDays(selection.daysBack());
        SqlDialect dialect = database.dialect();
        boolean incremental = selection.mode() == ExtractMode.INCREMENTAL;
        String stream = stream(kafka.topic(), selection);
        try (Connection connection = database.connect()) {
            Optional<Watermark> stored = incremental ? watermarks.load(stream) : Optional.empty();
            if (incremental && (!kafka.exactlyOnce() || committedSeen.cover(stream, stored))
                    && !anyRowAfter(connection, dialect, selection, since, stored)) {
                // Nothing follows the store's watermark, and (exactly-once) the topic's is known to be at least as
                // late, so nothing follows the one the run would start from: the broker has nothing to do. When the
                // topic may be behind the store (at-least-once runs before), a run must go on to adopt the store's.
                LOG.debug("nothing selected after the watermark of {}: the broker was not contacted", stream);
                return new ExtractResult(0, 0, 0, kafka.topic(), selection.mode(), runId);
            }
            return publish(connection, kafka, selection, since, stream, stored, runId);
        } catch (SQLException e) {
            throw new ProductflowException("reading products from " + database + " failed: " + e.getMessage(), e);
        }
    }

    private ExtractResult publish(Connection connection, KafkaSettings kafka, ExtractSettings selection, LocalDate since,
            String stream, Optional<Watermark> stored, String runId) throws SQLException {
        try (Publisher publisher = new Publisher(kafka, runId);
                SendingThread sender = new SendingThread(publisher, progress)) {
            Run run = new Run(connection, database.dialect(), publisher, sender, selection, since, kafka, runId);
            Exception unreachable = publisher.awaitBroker();
            if (unreachable != null) {
                long selected = run.countRemaining(stored);
                ExtractResult result = new ExtractResult(selected, 0, selected, kafka.topic(), selection.mode(), runId);
                String problem = unreachable instanceof org.apache.kafka.common.errors.TimeoutException
                        ? "was not reachable within " + kafka.connectTimeout().toSeconds() + " s"
                        : "refused the producer" + (kafka.exactlyOnce() ? " (transactional id " + kafka.transactionalId()
                                + "; " + KafkaSettings.DELIVERY + "=at-least-once for brokers without transactions)" : "");
                throw new PublishIncompleteException(result, "the broker at " + kafka.bootstrapServers() + " " + problem
                        + " (" + unreachable.getMessage() + ")", unreachable);
            }
            return selection.mode() == ExtractMode.FULL ? run.full() : run.incremental(stream, stored);
        }
    }

    /**
     * Whether the incremental selection has a row after {@code after} (from the start when empty): the first page's
     * query limited to one row, as cheap as the index makes it.
     */
    private boolean anyRowAfter(Connection connection, SqlDialect dialect, ExtractSettings selection, LocalDate since,
            Optional<Watermark> after) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(selectSql(dialect, true, after.isPresent(), true))) {
            int i = bindIncremental(query, dialect, selection, since, clock.instant().minus(selection.lateCommitDelay()), after);
            query.setInt(i, 1);
            try (ResultSet rows = query.executeQuery()) {
                boolean any = rows.next();
                connection.commit();
                return any;
            }
        }
    }

    private static int bindSelection(PreparedStatement query, SqlDialect dialect, ExtractSettings selection, LocalDate since)
            throws SQLException {
        query.setString(1, selection.articleStatus());
        dialect.bindDate(query, 2, since);
        return 3;
    }

    /**
     * Binds the incremental query's parameters: the selection, the late-commit cutoff and, when present, the keyset
     * position the rows follow. Returns the next parameter's index (the page limit's, in a paged query).
     */
    private static int bindIncremental(PreparedStatement query, SqlDialect dialect, ExtractSettings selection, LocalDate since,
            Instant cutoff, Optional<Watermark> after) throws SQLException {
        int i = bindSelection(query, dialect, selection, since);
        dialect.bindInstant(query, i++, cutoff);
        if (after.isPresent()) {
            dialect.bindInstant(query, i++, after.get().lastUpdated());
            query.setString(i++, after.get().ean());
        }
        return i;
    }

    /** One run's state: the connection, the producer and the counts. */
    private final class Run {
        private final Connection connection;
        private final SqlDialect dialect;
        private final Publisher publisher;
        private final SendingThread sender;
        private final ExtractSettings selection;
        private final LocalDate since;
        private final KafkaSettings kafka;
        private final String topic;
        private final String runId;
        private final ProductJson json = new ProductJson();
        private final byte[][] values = new byte[COLUMNS.size()][];
        private final boolean jsonInDatabase;
        private long selected;
        /** Exactly-once: the products in committed transactions (what consumers reading committed can see). */
        private long committed;
        /** Exactly-once: the store's watermark the run started from, until a transaction commits it to the topic. */
        private Watermark adopted;

        Run(Connection connection, SqlDialect dialect, Publisher publisher, SendingThread sender, ExtractSettings selection,
                LocalDate since, KafkaSettings kafka, String runId) {
            this.connection = connection;
            this.dialect = dialect;
            this.publisher = publisher;
            this.sender = sender;
            this.selection = selection;
            this.since = since;
            this.kafka = kafka;
            this.topic = kafka.topic();
            this.runId = runId;
            this.jsonInDatabase = dialect.productJsonExpression().isPresent();
        }

        ExtractResult full() throws SQLException {
            publisher.begin();
            int inTransaction = 0;
            try (PreparedStatement query = connection.prepareStatement(selectSql(dialect, false, false, false))) {
                bindSelection(query);
                query.setFetchSize(selection.fetchSize());
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        publishRow(rows, false);
                        if (kafka.exactlyOnce() && ++inTransaction == selection.pageSize() && publisher.healthy()) {
                            inTransaction = 0;
                            if (endTransaction()) {
                                publisher.begin();
                            }
                        }
                    }
                }
            }
            connection.commit();
            endTransaction();
            return finish();
        }

        /** Waits for every record sent so far; commits them when all were acknowledged (true), else aborts them. */
        private boolean endTransaction() {
            sender.drain();
            publisher.flush();
            if (acknowledgedAll() && commit()) {
                return true;
            }
            publisher.abort();
            return false;
        }

        private boolean acknowledgedAll() {
            return publisher.healthy() && publisher.acknowledged() == publisher.sent();
        }

        /** Exactly-once: commits the open transaction (true when done); fencing ends the run. */
        private boolean commit() {
            try {
                if (!publisher.commit()) {
                    return false;
                }
            } catch (KafkaException e) {
                throw fencedOut(e);
            }
            committed = publisher.acknowledged();
            return true;
        }

        private WatermarkMovedException fencedOut(Exception e) {
            return new WatermarkMovedException("another run of this extract (transactional id " + kafka.transactionalId()
                    + ") took over meanwhile: this run's open transaction was aborted; it had committed " + committed
                    + " products (" + e + ")", e);
        }

        /**
         * Exactly-once: the committed watermark, or the store's copy when that is later (written by at-least-once
         * runs), which the first transaction then commits to the topic (adopts) even when no row follows it.
         */
        private Optional<Watermark> startingWatermark(String stream, Optional<Watermark> stored) {
            if (!kafka.exactlyOnce()) {
                return stored;
            }
            Optional<Watermark> committedMark = TopicWatermarks.read(kafka, stream);
            committedMark.ifPresent(mark -> committedSeen.remember(stream, mark));
            if (stored.isPresent() && (committedMark.isEmpty() || stored.get().compareTo(committedMark.get()) > 0)) {
                adopted = stored.get();
                return stored;
            }
            return committedMark;
        }

        /**
         * Exactly-once: after the commit, the store keeps a copy of the watermark for operators (the state table's
         * item); a failure here loses nothing (the committed one is the truth), so it is logged, not thrown.
         */
        private Optional<Watermark> copyToStore(String stream, Optional<Watermark> stored, Watermark next) {
            try {
                if (stored.isPresent() && stored.get().compareTo(next) >= 0) {
                    return stored;
                }
                if (watermarks.advance(stream, stored, next)) {
                    return Optional.of(next);
                }
                return watermarks.load(stream);
            } catch (RuntimeException e) {
                LOG.warn("the watermark of {} is committed in topic {} but copying it to the store failed: {}",
                        stream, kafka.watermarkTopic(), e.toString());
                return stored;
            }
        }

        /** @param stored the store's copy of the watermark, read when the run started */
        ExtractResult incremental(String stream, Optional<Watermark> stored) throws SQLException {
            Optional<Watermark> mark = startingWatermark(stream, stored);
            Instant cutoff = clock.instant().minus(selection.lateCommitDelay());
            while (true) {
                publisher.begin();
                long before = selected;
                byte[] lastUpdated = null;
                byte[] lastEan = null;
                try (PreparedStatement query = connection.prepareStatement(selectSql(dialect, true, mark.isPresent(), true))) {
                    int i = bindIncremental(query, dialect, selection, since, cutoff, mark);
                    query.setInt(i, selection.pageSize());
                    query.setFetchSize(Math.min(selection.fetchSize(), selection.pageSize()));
                    try (ResultSet rows = query.executeQuery()) {
                        while (rows.next()) {
                            publishRow(rows, true);
                            lastUpdated = values[ProductColumn.LAST_UPDATED];
                            lastEan = values[ProductColumn.EAN];
                        }
                    }
                }
                // Only the page's last row moves the watermark: parse that one alone.
                Watermark last = lastEan == null ? null : new Watermark(
                        IsoTime.parseInstant(new String(lastUpdated, StandardCharsets.UTF_8)), new String(lastEan, StandardCharsets.UTF_8));
                connection.commit();
                sender.drain();
                publisher.flush();
                long pageRows = selected - before;
                Watermark toCommit = last != null ? last : adopted;
                if (toCommit != null && acknowledgedAll() && kafka.exactlyOnce()) {
                    // The watermark joins the page's transaction: both become visible together, or neither.
                    publisher.sendUncounted(TopicWatermarks.record(kafka.watermarkTopic(), stream, toCommit, runId));
                    publisher.flush();
                }
                if (!acknowledgedAll()) {
                    // The watermark stays before this page; count what is left so the report is whole.
                    publisher.abort();
                    selected += countRemaining(last != null ? Optional.of(last) : mark);
                    return finish();
                }
                if (last != null) {
                    beforeCommit.accept(last);
                }
                if (kafka.exactlyOnce()) {
                    if (!commit()) {
                        publisher.abort();
                        selected += countRemaining(last != null ? Optional.of(last) : mark);
                        return finish();
                    }
                    if (toCommit != null) {
                        committedSeen.remember(stream, toCommit);
                    }
                    adopted = null;
                    if (last != null) {
                        stored = copyToStore(stream, stored, last);
                    }
                } else if (last != null && !watermarks.advance(stream, mark, last)) {
                    throw new WatermarkMovedException("the watermark of " + stream
                            + " was moved by another run meanwhile; this run stopped after publishing " + selected + " products");
                }
                if (last != null) {
                    mark = Optional.of(last);
                }
                if (pageRows < selection.pageSize()) {
                    return finish();
                }
            }
        }

        /** @param watermarked whether the row's lastUpdated is needed (incremental mode) */
        private void publishRow(ResultSet rows, boolean watermarked) throws SQLException {
            byte[] value;
            if (jsonInDatabase) {
                // SELECT ean, lastUpdated, <json>
                value = rows.getBytes(3);
                byte[] ean = leadingEan(value);
                values[ProductColumn.EAN] = ean != null ? ean : rows.getBytes(1);
                if (watermarked) {
                    values[ProductColumn.LAST_UPDATED] = rows.getBytes(2);
                }
            } else {
                for (int c = 0; c < values.length; c++) {
                    values[c] = dialect.readUtf8(rows, c + 1, COLUMNS.get(c).type());
                }
                try {
                    value = json.toJson(values);
                } catch (IllegalArgumentException e) {
                    throw new ProductflowException("product " + new String(values[ProductColumn.EAN], StandardCharsets.UTF_8)
                            + " in " + database + " cannot be published: " + e.getMessage(), e);
                }
            }
            selected++;
            if (publisher.healthy()) {
                sender.send(values[ProductColumn.EAN], value);
            }
        }

        private ExtractResult finish() {
            long published = kafka.exactlyOnce() ? committed : publisher.acknowledged();
            ExtractResult result = new ExtractResult(selected, published, selected - published, topic, selection.mode(), runId);
            if (!result.complete()) {
                Exception cause = publisher.firstFailure();
                if (Publisher.fenced(cause)) {
                    throw fencedOut(cause);
                }
                throw new PublishIncompleteException(result,
                        cause == null ? "not every record was acknowledged" : cause.toString(), cause);
            }
            return result;
        }

        /** How many selected rows lie after {@code after} (everything when empty, or in full mode). */
        long countRemaining(Optional<Watermark> after) throws SQLException {
            boolean incremental = selection.mode() == ExtractMode.INCREMENTAL;
            String sql = "SELECT COUNT(*) FROM (" + selectSql(dialect, incremental, after.isPresent() && incremental, false) + ") selection";
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                if (incremental) {
                    bindIncremental(query, dialect, selection, since, clock.instant().minus(selection.lateCommitDelay()), after);
                } else {
                    bindSelection(query);
                }
                try (ResultSet r = query.executeQuery()) {
                    r.next();
                    long n = r.getLong(1);
                    connection.commit();
                    return n;
                }
            }
        }

        private int bindSelection(PreparedStatement query) throws SQLException {
            return ProductExtractor.bindSelection(query, dialect, selection, since);
        }
    }

    private static final byte[] EAN_PREFIX = "{\"ean\":\"".getBytes(StandardCharsets.US_ASCII);

    /**
     * The EAN's UTF-8 bytes as the start of a JSON value {@code {"ean":"...",} when it holds no escape
     * (so the bytes are the stored ones), else null. Saves reading the column a second time, one
     * of the few calls into SQLite per row.
     */
    static byte[] leadingEan(byte[] json) {
        int start = EAN_PREFIX.length;
        if (json.length <= start || !Arrays.equals(json, 0, start, EAN_PREFIX, 0, start)) {
            return null;
        }
        for (int i = start; i < json.length; i++) {
            if (json[i] == '"') {
                return Arrays.copyOfRange(json, start, i);
            }
            if (json[i] == '\\') {
                return null;
            }
        }
        return null;
    }

    /**
     * The selection, always parameterised. Incremental adds the late-commit cutoff, the keyset
     * condition after the watermark, the order and a page limit.
     */
    static String selectSql(SqlDialect dialect, boolean incremental, boolean afterWatermark, boolean paged) {
        String columns = dialect.productJsonExpression()
                .map(json -> "\"ean\", \"lastUpdated\", " + json)
                .orElse(SqlDialect.columnList(COLUMNS));
        StringBuilder sql = new StringBuilder("SELECT ").append(columns)
                .append(" FROM ").append(SqlDialect.TABLE)
                .append(" WHERE \"articleStatus\" = ? AND \"b2bReadinessDate\" >= ?");
        if (incremental) {
            sql.append(" AND \"lastUpdated\" IS NOT NULL AND \"lastUpdated\" <= ?");
            if (afterWatermark) {
                sql.append(" AND (\"lastUpdated\", \"ean\") > (?, ?)");
            }
            if (paged) {
                sql.append(" ORDER BY \"lastUpdated\", \"ean\" LIMIT ?");
            }
        }
        return sql.toString();
    }
}
