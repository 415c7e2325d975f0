package dev.pipelog.store;

import dev.pipelog.model.CleanupRequest;
import dev.pipelog.model.CleanupResult;
import dev.pipelog.model.Correlation;
import dev.pipelog.model.ExecutionSummary;
import dev.pipelog.model.LogQuery;
import dev.pipelog.model.LogRecord;
import dev.pipelog.model.Page;
import dev.pipelog.model.PipelineSettings;
import dev.pipelog.model.PipelineSummary;
import dev.pipelog.model.Stats;
import dev.pipelog.model.StatsQuery;
import dev.pipelog.model.TimeBound;
import dev.pipelog.model.Timestamps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Properties;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LogStore} on one DuckDB file: one database instance opened through an origin connection,
 * one writer connection duplicated from it (appends and cleanups take turns on it), and reader
 * connections duplicated from the origin so queries never block writes.
 *
 * <p>A failed write never leaves the writer broken: its connection is replaced by a fresh duplicate
 * (a connection whose commit failed can stay in a state where every later commit fails with "no
 * transaction is active"), and a commit whose outcome is unknown is checked by the batch's ids
 * before the failure is reported, so a batch that landed is answered as stored. A batch refused for
 * its content ({@link RecordsRefusedException}) is told apart from a storage failure. Thread-safe.
 */
public final class DuckDbLogStore implements LogStore {
    private static final Logger LOG = LoggerFactory.getLogger(DuckDbLogStore.class);

    private final Path dbFile;
    /** Opens the database and is where readers and writers are duplicated from; never writes. */
    private final DuckDBConnection origin;
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Guarded by {@code writeLock}; null after a failed replacement, made again by the next write. */
    private DuckDBConnection writerConnection;
    private RecordWriter writer;
    private final ReaderConnections readers;
    private final ScheduledExecutorService canceller;
    private final DataRange dataRange = new DataRange();
    private final RecentCounts recentCounts = new RecentCounts();
    private final RecordSearch search;
    private final StatsQueries stats;
    private final SummaryQueries summaries;
    private final Clock clock;
    private final AtomicLong deletedByCleanup = new AtomicLong();
    private volatile boolean closed;

    private DuckDbLogStore(Path dbFile, DuckDBConnection origin, Duration queryTimeout, Clock clock)
            throws SQLException {
        this.dbFile = dbFile;
        this.origin = origin;
        this.clock = clock;
        openWriter();
        this.canceller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pipelog-query-timeout");
            t.setDaemon(true);
            return t;
        });
        this.readers = new ReaderConnections(origin, queryTimeout, canceller);
        this.search = new RecordSearch(readers, dataRange, recentCounts);
        dataRange.reset(writer.storedRange());
        this.stats = new StatsQueries(readers);
        this.summaries = new SummaryQueries(readers);
    }

    /**
     * DuckDB's memory limit of the {@code open} overloads without one (tests, benchmarks). The app
     * always passes its setting, whose defaults by mode are {@code SettingsLoader}'s.
     */
    public static final long DEFAULT_MEMORY_LIMIT_BYTES = 256L << 20;

    /**
     * WAL size that triggers DuckDB's automatic checkpoint, which runs inside the commit that crosses
     * it and stalls that batch's acknowledgement for 0.3 to 0.9 s (growing with the database) whatever
     * the WAL size. DuckDB's 16 MiB default did that every ~100k records (every 4 s at 23.5k rec/s);
     * 128 MiB does it eight times less often (docs/benchmarks/http.md).
     */
    private static final String CHECKPOINT_THRESHOLD = "128MiB";

    /**
     * Opens (creating if needed) the database file and brings its schema up to date.
     *
     * @throws IncompatibleDatabaseException when the file was written by a newer Pipelog
     * @throws StoreException when the file cannot be opened
     */
    public static DuckDbLogStore open(Path dbFile, Duration queryTimeout) {
        return open(dbFile, queryTimeout, DEFAULT_MEMORY_LIMIT_BYTES);
    }

    /**
     * @param memoryLimitBytes DuckDB's buffer pool limit. Its default is 80 % of the machine's memory,
     *                         which let a desktop app grow past a gigabyte while ingesting; past
     *                         the limit DuckDB evicts cached blocks and spills large operators to disk
     */
    public static DuckDbLogStore open(Path dbFile, Duration queryTimeout, long memoryLimitBytes) {
        return open(dbFile, queryTimeout, memoryLimitBytes, Clock.systemUTC(), new SchemaMigrator());
    }

    static DuckDbLogStore open(Path dbFile, Duration queryTimeout, Clock clock, SchemaMigrator migrator) {
        return open(dbFile, queryTimeout, DEFAULT_MEMORY_LIMIT_BYTES, clock, migrator);
    }

    static DuckDbLogStore open(Path dbFile, Duration queryTimeout, long memoryLimitBytes, Clock clock,
            SchemaMigrator migrator) {
        if (queryTimeout.isZero() || queryTimeout.isNegative()) {
            throw new IllegalArgumentException("query timeout must be positive, was " + queryTimeout);
        }
        DuckDBConnection connection = null;
        try {
            Path parent = dbFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Properties config = new Properties();
            config.setProperty("memory_limit", (memoryLimitBytes >> 20) + "MiB");
            config.setProperty("checkpoint_threshold", CHECKPOINT_THRESHOLD);
            connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + dbFile.toAbsolutePath(), config);
            int version = migrator.migrate(connection);
            LOG.info("Opened log store {} (schema version {})", dbFile, version);
            return new DuckDbLogStore(dbFile, connection, queryTimeout, clock);
        } catch (SQLException | IOException e) {
            closeQuietly(connection);
            throw new StoreException("cannot open the database " + dbFile + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /**
     * @throws RecordsRefusedException when a record holds a value the store cannot write (nothing
     *                                 of the batch is stored; storage itself works)
     * @throws StoreException          when storage failed, with DuckDB's cause and the database path
     */
    @Override
    public int append(List<LogRecord> batch, boolean deduplicate) {
        refuseUnstorable(batch);
        return write(() -> {
            try {
                // Before the commit, so no reader can see a record outside the range it searches.
                dataRange.cover(batch);
                return writer.append(batch, deduplicate);
            } catch (RuntimeException e) {
                // The writer's own conversions (an instant past epoch microseconds) fail on a value.
                replaceWriterAfter(e);
                throw new RecordsRefusedException("the store cannot hold a record of the batch: " + e, e);
            } catch (UnknownCommitOutcomeException e) {
                replaceWriterAfter(e);
                return landedCount(e);
            } catch (SQLException e) {
                if (isRefusalOfContent(e)) {
                    replaceWriterAfter(e);
                    throw new RecordsRefusedException("the store cannot hold a record of the batch: " + e.getMessage(), e);
                }
                throw e;
            }
        }, "append");
    }

    /** A record outside what the store holds fails before any write: the caller isolates it. */
    private static void refuseUnstorable(List<LogRecord> batch) {
        for (LogRecord r : batch) {
            if (!Timestamps.isStorable(r.timestamp()) || !Timestamps.isStorable(r.receivedAt())) {
                throw new RecordsRefusedException("record " + r.id() + " has a time outside "
                        + Timestamps.MIN_STORABLE + " to " + Timestamps.MAX_STORABLE + " (timestamp "
                        + r.timestamp() + ", received_at " + r.receivedAt() + ")", null);
            }
        }
    }

    /**
     * DuckDB's error classes that a value causes (conversion, range, invalid input, constraints); an
     * I/O error, an out-of-memory or a broken transaction is storage failing instead.
     */
    private static boolean isRefusalOfContent(SQLException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("Conversion Error") || m.contains("Out of Range Error") || m.contains("Invalid Input Error")
                || m.contains("Constraint Error");
    }

    /**
     * After a failed commit: whether the batch landed, asked of a fresh connection by the ids it
     * was adding. All of them stored means it landed (the transaction is all or nothing).
     *
     * @throws StoreException when it did not land, or the check itself failed
     */
    private int landedCount(UnknownCommitOutcomeException failure) {
        List<LogRecord> attempted = failure.attempted();
        StoreException notLanded = new StoreException("append to " + dbFile + " failed at commit: "
                + failure.getMessage(), failure);
        if (writer == null) {
            throw notLanded;
        }
        try {
            int found = writer.storedIds(attempted).size();
            if (found == attempted.size()) {
                LOG.warn("The commit of {} records reported a failure but landed: {}", attempted.size(), failure.getMessage());
                return attempted.size();
            }
            if (found > 0) {
                LOG.error("After a failed commit {} of {} records are stored; the rest will be retried",
                        found, attempted.size());
            }
        } catch (SQLException checkFailure) {
            notLanded.addSuppressed(checkFailure);
            replaceWriterAfter(checkFailure);
        }
        throw notLanded;
    }

    /**
     * Replaces the writer connection after a failure, so the next write starts from a clean one.
     * Called under the write lock. A replacement that fails leaves none: the next write tries again.
     */
    private void replaceWriterAfter(Exception failure) {
        LOG.warn("Write to {} failed ({}); replacing the writer connection", dbFile, String.valueOf(failure.getMessage())
                .lines().findFirst().orElse(""));
        closeWriter();
        try {
            openWriter();
        } catch (SQLException e) {
            failure.addSuppressed(e);
            LOG.warn("Reopening the writer connection to {} failed; the next write tries again", dbFile, e);
        }
    }

    private void openWriter() throws SQLException {
        DuckDBConnection connection = (DuckDBConnection) origin.duplicate();
        try {
            this.writer = new RecordWriter(connection);
            this.writerConnection = connection;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    private void closeWriter() {
        DuckDBConnection connection = writerConnection;
        writerConnection = null;
        writer = null;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("Closing the failed writer connection of {}", dbFile, e);
            }
        }
    }

    @Override
    public Page<LogRecord> find(LogQuery query) {
        return search.find(query, clock.instant());
    }

    @Override
    public long count(LogQuery query) {
        return search.count(query, clock.instant());
    }

    @Override
    public Stats stats(StatsQuery query) {
        return stats.stats(query, clock.instant());
    }

    @Override
    public Stats.Histogram histogram(StatsQuery query) {
        return stats.histogram(query, clock.instant());
    }

    @Override
    public Stats.Histogram histogram(LogQuery query) {
        return stats.histogram(query, clock.instant());
    }

    @Override
    public Correlation correlation(String correlationId) {
        Instant[] range = search.correlationRange(correlationId);
        if (range == null) {
            return CorrelationTree.of(correlationId, List.of());
        }
        List<LogRecord> records = readers.query(SqlText.load("find_correlation.sql"),
                new SqlParams().add(correlationId).add(range[0]).add(range[1]), RecordRows::readAll);
        return CorrelationTree.of(correlationId, records);
    }

    @Override
    public List<ExecutionSummary> executions(String pipelineId, TimeBound since, TimeBound until, int limit) {
        return summaries.executions(pipelineId, since, until, limit, clock.instant());
    }

    @Override
    public List<PipelineSummary> pipelines() {
        return summaries.pipelines();
    }

    @Override
    public List<String> distinctValues(Field field, String prefix, int limit) {
        return summaries.distinctValues(field, prefix, limit);
    }

    @Override
    public CleanupResult cleanup(CleanupRequest request, Collection<PipelineSettings> retention) {
        // A confirmed run measures from its dry run's moment: a later "now" would take more records.
        Instant asOf = request.asOf() != null ? request.asOf() : clock.instant();
        CleanupCondition condition = CleanupCondition.of(request, retention, asOf);
        if (request.dryRun()) {
            long wouldDelete = readers.query(SqlText.fill("cleanup_count.sql", Map.of("condition", condition.where())),
                    condition.params(), RecordSearch::singleLong);
            return CleanupResult.counted(wouldDelete, asOf);
        }
        return write(() -> {
            long diskBefore = sizeBytes();
            // With a large checkpoint threshold much may still sit in the WAL; settle it first so the
            // blocks freed are the cleanup's alone.
            try (Statement checkpoint = writerConnection.createStatement()) {
                checkpoint.execute("CHECKPOINT");
            }
            long usedBefore = usedBytes();
            RecordWriter.Deletion deletion = writer.delete(condition, request.expectedRecords());
            if (deletion instanceof RecordWriter.Deletion.CountChanged changed) {
                LOG.info("Cleanup not run: it would delete {} records, not the {} confirmed", changed.records(),
                        request.expectedRecords());
                return CleanupResult.changed(changed.records(), asOf);
            }
            long deleted = ((RecordWriter.Deletion.Deleted) deletion).records();
            deletedByCleanup.addAndGet(deleted);
            dataRange.reset(writer.storedRange());
            try (Statement checkpoint = writerConnection.createStatement()) {
                checkpoint.execute("CHECKPOINT");
            }
            // DuckDB does not shrink the file (measured, docs/benchmarks/store.md): it frees the blocks
            // and reuses them for new records before growing the file. That freed space is reported,
            // and beside it the size on disk the status bar shows, which the checkpoints changed.
            long reclaimed = Math.max(0, usedBefore - usedBytes());
            long diskAfter = sizeBytes();
            LOG.info("Cleanup deleted {} records; {} bytes of the database file are free for new records; "
                    + "on disk (database and write-ahead log) {} bytes before, {} after", deleted, reclaimed,
                    diskBefore, diskAfter);
            return CleanupResult.deleted(deleted, reclaimed, asOf, diskBefore, diskAfter);
        }, "cleanup");
    }

    @Override
    public long deletedCount() {
        return deletedByCleanup.get();
    }

    @Override
    public long totalCount() {
        return readers.query("SELECT count(*) FROM log_record", new SqlParams(), RecordSearch::singleLong);
    }

    private long usedBytes() throws SQLException {
        try (Statement st = writerConnection.createStatement();
             ResultSet rs = st.executeQuery(SqlText.load("used_bytes.sql"))) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    @Override
    public long sizeBytes() {
        long total = 0;
        for (Path p : List.of(dbFile, dbFile.resolveSibling(dbFile.getFileName() + ".wal"))) {
            try {
                total += Files.exists(p) ? Files.size(p) : 0;
            } catch (IOException e) {
                LOG.debug("Cannot read the size of {}", p, e);
            }
        }
        return total;
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            readers.close();
            canceller.shutdownNow();
            closeWriter();
            try {
                origin.close();
            } catch (SQLException e) {
                throw new StoreException("closing the database failed: " + e.getMessage(), e);
            }
            LOG.info("Closed log store {}", dbFile);
        } finally {
            writeLock.unlock();
        }
    }

    /** The reader side, for tests that hold a query open while writing. */
    ReaderConnections readers() {
        return readers;
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    private <T> T write(SqlWork<T> work, String what) {
        writeLock.lock();
        try {
            if (closed) {
                throw new StoreException("the store is closed");
            }
            if (writer == null) {
                openWriter();
            }
            recentCounts.writeStarted();
            try {
                return work.run();
            } finally {
                recentCounts.writeFinished();
            }
        } catch (SQLException e) {
            if (!closed) {
                replaceWriterAfter(e);
            }
            throw new StoreException(what + " to " + dbFile + " failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    private static void closeQuietly(DuckDBConnection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("Closing a half-opened database failed", e);
        }
    }
}
