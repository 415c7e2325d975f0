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
import java.util.Collection;
import java.util.List;

/**
 * Durable storage of log records and every query the listener and the window run on them.
 *
 * <p>Thread-safety: all methods may be called from any thread. Writes are serialised onto one
 * writer connection; queries run on their own connections and never block writes.
 * Failures surface as {@link StoreException}; a query that runs past its time limit as
 * {@link QueryTimeoutException}; an invalid regular expression as {@link IllegalArgumentException}.
 */
public interface LogStore extends AutoCloseable {

    /**
     * Commits the batch in one transaction. When it returns, every record is durable.
     *
     * @param deduplicate when true, records whose id is already stored are skipped (used for
     *                    replays and client-supplied ids); when false the caller guarantees fresh ids
     * @return how many records were newly stored
     */
    int append(List<LogRecord> batch, boolean deduplicate);

    /** One page of matching records in the query's order; {@code nextCursor} null on the last page. */
    Page<LogRecord> find(LogQuery query);

    /** Exact number of records matching the query's filters (cursor and limit ignored). */
    long count(LogQuery query);

    Stats stats(StatsQuery query);

    /** {@code stats(query).histogram()}, without reading the aggregates the histogram does not show. */
    Stats.Histogram histogram(StatsQuery query);

    /**
     * The histogram of the records a search matches, under every filter of {@code query} (text,
     * levels, execution, correlation, logger, pipeline, time range; cursor and limit ignored),
     * bucketed as {@link #histogram(StatsQuery)} buckets the same pipeline and time range. With no
     * filter beyond those two it is that histogram; with any, one scan of the records.
     */
    Stats.Histogram histogram(LogQuery query);

    /** All records of the correlation id and their tree; an empty correlation when none exist. */
    Correlation correlation(String correlationId);

    /** Executions of one pipeline, newest first, started within the bounds (either may be null). */
    List<ExecutionSummary> executions(String pipelineId, TimeBound since, TimeBound until, int limit);

    /** Every pipeline with its first/last record and counts, by pipeline id. */
    List<PipelineSummary> pipelines();

    /** Distinct values of a field starting with {@code prefix} (case-insensitive), most frequent first. */
    List<String> distinctValues(Field field, String prefix, int limit);

    /**
     * Deletes (or on a dry run counts) what the request describes, honouring per-pipeline
     * retention when the request asks for it, then reclaims disk space.
     */
    CleanupResult cleanup(CleanupRequest request, Collection<PipelineSettings> retention);

    /** Records deleted by cleanup since this store was opened: the running stored total subtracts them. */
    long deletedCount();

    /** Total records stored. */
    long totalCount();

    /** Size of the database file(s) on disk, in bytes. */
    long sizeBytes();

    @Override
    void close();

    /** Fields offered by pickers. */
    enum Field {
        PIPELINE_ID, EXECUTION_ID, LOGGER, CORRELATION_ID
    }
}
