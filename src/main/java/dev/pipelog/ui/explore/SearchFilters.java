package dev.pipelog.ui.explore;

import dev.pipelog.model.Level;
import dev.pipelog.model.LogQuery;
import dev.pipelog.model.SortOrder;
import dev.pipelog.model.TimeBound;
import java.time.Instant;
import java.util.Set;

/**
 * What the Explore view's controls say, as one value. Relative bounds are resolved against one
 * "now" when the search starts, so the count, every page and the histogram see the same range.
 */
record SearchFilters(
        String text,
        boolean regex,
        Set<Level> levels,
        String pipelineId,
        String executionId,
        String logger,
        TimePreset preset,
        TimeBound from,
        TimeBound to) {

    SearchFilters {
        levels = Set.copyOf(levels);
        text = blankToNull(text);
        pipelineId = blankToNull(pipelineId);
        executionId = blankToNull(executionId);
        logger = blankToNull(logger);
    }

    LogQuery toQuery(Instant now) {
        return LogQuery.builder()
                .text(text).regex(regex).levels(levels)
                .pipelineId(pipelineId).executionId(executionId).loggerPrefix(logger)
                .since(resolvedSince(now)).until(resolvedUntil(now))
                .order(SortOrder.ASCENDING).limit(KeysetSeeker.PAGE)
                .build();
    }

    /**
     * What the histogram counts: the search without its levels, which the histogram applies as it
     * draws, so picking levels needs no new read.
     */
    LogQuery toHistogramQuery(Instant now) {
        return toQuery(now).toBuilder().levels(Set.of()).build();
    }

    private TimeBound resolvedSince(Instant now) {
        if (preset == TimePreset.CUSTOM) {
            return from == null ? null : TimeBound.at(from.resolve(now));
        }
        return preset.span() == null ? null : TimeBound.at(now.minus(preset.span()));
    }

    private TimeBound resolvedUntil(Instant now) {
        return preset == TimePreset.CUSTOM && to != null ? TimeBound.at(to.resolve(now)) : null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
