package dev.pipelog.ui.pipelines;

import dev.pipelog.model.Cursor;
import dev.pipelog.model.ExecutionSummary;
import dev.pipelog.model.LogQuery;
import dev.pipelog.model.LogRecord;
import dev.pipelog.model.Page;
import dev.pipelog.model.SortOrder;
import dev.pipelog.store.LogStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * What the Pipelines view shows for one execution: its stage lanes and the first page of its logs.
 *
 * @param lanesComplete false when the execution had more than {@link #LANE_SCAN_LIMIT} records and
 *                      the lanes cover only the first ones (the view says so)
 * @param next          where the log table continues, null when {@code firstLogs} holds them all
 */
public record ExecutionDetail(
        ExecutionSummary execution,
        long total,
        List<StageLane> lanes,
        boolean lanesComplete,
        List<LogRecord> firstLogs,
        Cursor next) {

    static final int LOG_PAGE = 500;
    static final long LANE_SCAN_LIMIT = 200_000;
    private static final int SCAN_PAGE = 10_000;

    public ExecutionDetail {
        lanes = List.copyOf(lanes);
        firstLogs = List.copyOf(firstLogs);
    }

    /** The filters that select this execution's records, oldest first. */
    static LogQuery query(String pipelineId, String executionId, int limit) {
        return LogQuery.builder().pipelineId(pipelineId).executionId(executionId)
                .order(SortOrder.ASCENDING).limit(limit).build();
    }

    /** Reads the execution page by page in time order; runs in the background and stops when interrupted. */
    static ExecutionDetail load(LogStore store, ExecutionSummary execution) {
        LogQuery scan = query(execution.pipelineId(), execution.executionId(), SCAN_PAGE);
        long total = store.count(scan);
        StageLanes lanes = new StageLanes();
        List<LogRecord> firstLogs = new ArrayList<>(LOG_PAGE);
        Page<LogRecord> page = store.find(scan);
        while (true) {
            for (LogRecord r : page.items()) {
                lanes.add(r);
                if (firstLogs.size() < LOG_PAGE) {
                    firstLogs.add(r);
                }
            }
            if (!page.hasMore() || lanes.recordsSeen() >= LANE_SCAN_LIMIT) {
                break;
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("execution load cancelled");
            }
            page = store.find(scan.after(Cursor.decode(page.nextCursor())));
        }
        Cursor next = total > firstLogs.size() && !firstLogs.isEmpty()
                ? Cursor.after(firstLogs.get(firstLogs.size() - 1)) : null;
        return new ExecutionDetail(execution, total, lanes.lanes(), lanes.recordsSeen() >= total, firstLogs, next);
    }
}
