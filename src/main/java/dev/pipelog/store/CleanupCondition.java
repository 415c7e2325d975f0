package dev.pipelog.store;

import dev.pipelog.model.CleanupRequest;
import dev.pipelog.model.PipelineSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Which records a cleanup removes: those the request names (older than N days, of one pipeline),
 * or past their pipeline's retention when asked, but never the newest N of any pipeline.
 */
final class CleanupCondition {
    private final String where;
    private final SqlParams params;

    private CleanupCondition(String where, SqlParams params) {
        this.where = where;
        this.params = params;
    }

    static CleanupCondition of(CleanupRequest request, Collection<PipelineSettings> retention, Instant now) {
        SqlParams params = new SqlParams();
        List<String> anyOf = new ArrayList<>();
        if (request.olderThanDays() != null || request.pipelineId() != null || request.keepLastPerPipeline() != null) {
            List<String> allOf = new ArrayList<>();
            if (request.olderThanDays() != null) {
                allOf.add("ts < ?");
                params.add(now.minus(Duration.ofDays(request.olderThanDays())));
            }
            if (request.pipelineId() != null) {
                allOf.add("pipeline_id = ?");
                params.add(request.pipelineId());
            }
            anyOf.add(allOf.isEmpty() ? "TRUE" : "(" + String.join(" AND ", allOf) + ")");
        }
        if (request.applyRetention()) {
            for (PipelineSettings s : retention) {
                if (s.retentionDays() == null
                        || (request.pipelineId() != null && !request.pipelineId().equals(s.pipelineId()))) {
                    continue;
                }
                anyOf.add("(pipeline_id = ? AND ts < ?)");
                params.add(s.pipelineId()).add(now.minus(Duration.ofDays(s.retentionDays())));
            }
        }
        if (anyOf.isEmpty()) {
            return new CleanupCondition("FALSE", params);
        }
        String where = "(" + String.join(" OR ", anyOf) + ")";
        if (request.keepLastPerPipeline() != null && request.keepLastPerPipeline() > 0) {
            where += " AND " + SqlText.load("cleanup_keep_last.sql");
            params.add(request.keepLastPerPipeline()).add(request.keepLastPerPipeline());
        }
        return new CleanupCondition(where, params);
    }

    String where() {
        return where;
    }

    SqlParams params() {
        return params;
    }
}
