package dev.pipelog.store;

import dev.pipelog.model.CleanupRequest;
import dev.pipelog.model.CleanupResult;
import dev.pipelog.model.Correlation;
import dev.pipelog.model.Cursor;
import dev.pipelog.model.ExecutionSummary;
import dev.pipelog.model.LogQuery;
import dev.pipelog.model.LogRecord;
import dev.pipelog.model.Page;
import dev.pipelog.model.PipelineSettings;
import dev.pipelog.model.PipelineSummary;
import dev.pipelog.model.SortOrder;
import dev.pipelog.model.Stats;
import dev.pipelog.model.StatsQuery;
import dev.pipelog.model.TimeBound;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.ReentrantLock;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LogStore} on one DuckDB file: one database instance, one writer connection (appends and
 * cleanups take turns on it), and reader connections duplicated from it so queries never block
 * writes. Thread-safe.
 */
public final class DuckDbLogStore implements LogStore {
    private static final Logger LOG = LoggerFactory.getLogger(DuckDbLogStore.class);

    private final Path dbFile;
    private final DuckDBConnection writerConnection;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final RecordWriter writer;
    private final ReaderConnections readers;
    private final ScheduledExecutorService canceller;
    private final StatsQueries stats;
    private final SummaryQueries summaries;
    private final Clock clock;
    private volatile boolean closed;

    private DuckDbLogStore(Path dbFile, DuckDBConnection writerConnection, Duration queryTimeout, Clock clock)
            throws SQLException {
        this.dbFile = dbFile;
        this.writerConnection = writerConnection;
        this.clock = clock;
        this.writer = new RecordWriter(writerConnection);
        this.canceller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pipelog-query-timeout");
            t.setDaemon(true);
            return t;
        });
        this.readers = new ReaderConnections(writerConnection, queryTimeout, canceller);
        this.stats = new StatsQueries(readers);
        this.summaries = new SummaryQueries(readers);
    }

    /**
     * Opens (creating if needed) the database file and brings its schema up to date.
     *
     * @throws IncompatibleDatabaseException when the file was written by a newer Pipelog
     * @throws StoreException when the file cannot be opened
     */
    public static DuckDbLogStore open(Path dbFile, Duration queryTimeout) {
        return open(dbFile, queryTimeout, Clock.systemUTC(), new SchemaMigrator());
    }

    static DuckDbLogStore open(Path dbFile, Duration queryTimeout, Clock clock, SchemaMigrator migrator) {
        if (queryTimeout.isZero() || queryTimeout.isNegative()) {
            throw new IllegalArgumentException("query timeout must be positive, was " + queryTimeout);
        }
        DuckDBConnection connection = null;
        try {
            Path parent = dbFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + dbFile.toAbsolutePath());
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

    @Override
    public int append(List<LogRecord> batch, boolean deduplicate) {
        return write(() -> writer.append(batch, deduplicate), "append");
    }

    @Override
    public Page<LogRecord> find(LogQuery query) {
        checkRegex(query);
        RecordFilter filter = RecordFilter.page(query, clock.instant());
        String sql = SqlText.fill("find_records.sql", Map.of(
                "filters", filter.where(),
                "direction", query.order() == SortOrder.ASCENDING ? "ASC" : "DESC"));
        List<LogRecord> items = readers.query(sql, new SqlParams().addAll(filter.params()).add(query.limit() + 1),
                RecordRows::readAll);
        if (items.size() <= query.limit()) {
            return new Page<>(items, null);
        }
        List<LogRecord> page = items.subList(0, query.limit());
        return new Page<>(page, Cursor.after(page.get(page.size() - 1)).encode());
    }

    @Override
    public long count(LogQuery query) {
        checkRegex(query);
        RecordFilter filter = RecordFilter.of(query, clock.instant());
        return readers.query(SqlText.fill("count_records.sql", Map.of("filters", filter.where())),
                filter.params(), DuckDbLogStore::singleLong);
    }

    @Override
    public Stats stats(StatsQuery query) {
        return stats.stats(query, clock.instant());
    }

    @Override
    public Correlation correlation(String correlationId) {
        List<LogRecord> records = readers.query(SqlText.load("find_correlation.sql"),
                new SqlParams().add(correlationId), RecordRows::readAll);
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
        CleanupCondition condition = CleanupCondition.of(request, retention, clock.instant());
        if (request.dryRun()) {
            long wouldDelete = readers.query(SqlText.fill("cleanup_count.sql", Map.of("condition", condition.where())),
                    condition.params(), DuckDbLogStore::singleLong);
            return new CleanupResult(true, wouldDelete, 0);
        }
        return write(() -> {
            long before = sizeBytes();
            long deleted;
            try (PreparedStatement delete = writerConnection.prepareStatement(
                    SqlText.fill("cleanup_delete.sql", Map.of("condition", condition.where())));
                 Statement checkpoint = writerConnection.createStatement()) {
                condition.params().bind(delete);
                deleted = delete.executeLargeUpdate();
                // Writes the deletions into the file and returns freed blocks; see docs/benchmarks/store.md
                // for what that gives back on disk.
                checkpoint.execute("CHECKPOINT");
            }
            long reclaimed = Math.max(0, before - sizeBytes());
            LOG.info("Cleanup deleted {} records and gave back {} bytes", deleted, reclaimed);
            return new CleanupResult(false, deleted, reclaimed);
        }, "cleanup");
    }

    @Override
    public long totalCount() {
        return readers.query("SELECT count(*) FROM log_record", new SqlParams(), DuckDbLogStore::singleLong);
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
            try {
                writerConnection.close();
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

    /** Rejects a bad regular expression as bad input before any data is scanned. */
    private void checkRegex(LogQuery query) {
        if (!query.regex()) {
            return;
        }
        try {
            readers.query(SqlText.load("check_regex.sql"), new SqlParams().add(query.text()), rs -> null);
        } catch (QueryTimeoutException e) {
            throw e;
        } catch (StoreException e) {
            throw new IllegalArgumentException("invalid regular expression '" + query.text() + "': "
                    + rootMessage(e), e);
        }
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
            return work.run();
        } catch (SQLException e) {
            throw new StoreException(what + " failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    private static long singleLong(java.sql.ResultSet rs) throws SQLException {
        rs.next();
        return rs.getLong(1);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
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
