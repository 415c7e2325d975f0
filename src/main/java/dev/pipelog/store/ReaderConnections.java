package dev.pipelog.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.duckdb.DuckDBConnection;

/**
 * Runs read queries on connections duplicated from the writer's database instance, so readers see
 * committed data and never wait for the writer (DuckDB's MVCC). Idle connections are kept for
 * reuse. Every query is cancelled when it runs past the store's limit, and when the thread waiting
 * for it is interrupted: a search the user replaced must not keep the cores busy. Thread-safe.
 */
final class ReaderConnections implements AutoCloseable {

    /** Reads a whole result set into a value. */
    @FunctionalInterface
    interface ResultReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private final DuckDBConnection origin;
    private final Duration timeout;
    private final ScheduledExecutorService canceller;
    /** How often a running query looks whether its caller was interrupted. */
    private static final long INTERRUPT_CHECK_MILLIS = 25;
    private final ConcurrentLinkedDeque<DuckDBConnection> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    ReaderConnections(DuckDBConnection origin, Duration timeout, ScheduledExecutorService canceller) {
        this.origin = origin;
        this.timeout = timeout;
        this.canceller = canceller;
    }

    <T> T query(String sql, SqlParams params, ResultReader<T> reader) {
        DuckDBConnection connection = borrow();
        AtomicBoolean timedOut = new AtomicBoolean();
        AtomicBoolean abandoned = new AtomicBoolean();
        Thread caller = Thread.currentThread();
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            params.bind(st);
            ScheduledFuture<?> cancel = canceller.schedule(() -> {
                timedOut.set(true);
                cancelQuietly(st);
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            // DuckDB does not notice a Java interrupt: the statement is cancelled for it, again at every
            // check, since a cancel that lands before the query has started running has no effect.
            ScheduledFuture<?> watch = canceller.scheduleWithFixedDelay(() -> {
                if (caller.isInterrupted()) {
                    abandoned.set(true);
                    cancelQuietly(st);
                }
            }, INTERRUPT_CHECK_MILLIS, INTERRUPT_CHECK_MILLIS, TimeUnit.MILLISECONDS);
            T result;
            try (ResultSet rs = st.executeQuery()) {
                result = reader.read(rs);
            } finally {
                cancel.cancel(false);
                watch.cancel(false);
            }
            if (timedOut.get()) {
                // The cancel came too late to stop it, but the query still ran past the limit.
                throw new QueryTimeoutException(timeout, null);
            }
            return result;
        } catch (SQLException e) {
            if (timedOut.get()) {
                throw new QueryTimeoutException(timeout, e);
            }
            if (abandoned.get()) {
                throw new StoreException("query cancelled: its caller was interrupted", e);
            }
            throw new StoreException("query failed: " + e.getMessage(), e);
        } finally {
            giveBack(connection);
        }
    }

    private DuckDBConnection borrow() {
        if (closed) {
            throw new StoreException("the store is closed");
        }
        DuckDBConnection c = idle.pollFirst();
        if (c != null) {
            return c;
        }
        try {
            DuckDBConnection fresh = origin.duplicate();
            // A duplicate copies the writer's auto-commit flag, which is off during a batch; a reader
            // left in one long transaction would keep seeing the data of its first query.
            fresh.setAutoCommit(true);
            return fresh;
        } catch (SQLException e) {
            throw new StoreException("cannot open a reader connection: " + e.getMessage(), e);
        }
    }

    private void giveBack(DuckDBConnection connection) {
        idle.addFirst(connection);
        if (closed) {
            closeIdle();
        }
    }

    private static void cancelQuietly(PreparedStatement st) {
        try {
            st.cancel();
        } catch (SQLException e) {
            // The query finished between the timer firing and the cancel: nothing left to stop.
        }
    }

    @Override
    public void close() {
        closed = true;
        closeIdle();
    }

    private void closeIdle() {
        DuckDBConnection c;
        while ((c = idle.pollFirst()) != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // Closing at shutdown: the database instance goes away with the writer anyway.
            }
        }
    }
}
