package dev.pipelog.ui.pipelines;

import dev.pipelog.model.ExecutionSummary;
import dev.pipelog.ui.pipelines.GanttChart.Bar;
import dev.pipelog.ui.pipelines.GanttChart.Tone;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Lays executions out as timeline bars: overlapping runs go to separate rows, the others share the first. */
final class ExecutionBars {
    private ExecutionBars() {
    }

    static List<Bar<ExecutionSummary>> of(List<ExecutionSummary> executions) {
        List<ExecutionSummary> byStart = new ArrayList<>(executions);
        byStart.sort(Comparator.comparing(ExecutionSummary::start));
        List<Instant> rowEnds = new ArrayList<>();
        List<Bar<ExecutionSummary>> bars = new ArrayList<>(byStart.size());
        for (ExecutionSummary e : byStart) {
            int row = 0;
            while (row < rowEnds.size() && rowEnds.get(row).isAfter(e.start())) {
                row++;
            }
            if (row == rowEnds.size()) {
                rowEnds.add(e.end());
            } else {
                rowEnds.set(row, e.end());
            }
            bars.add(new Bar<>(row, e.start(), e.end(), toneOf(e), e.executionId(), e, List.of()));
        }
        return bars;
    }

    /** One lane per row, in the given order; lanes with errors are drawn as failed, with a tick per error. */
    static List<Bar<StageLane>> lanes(List<StageLane> lanes) {
        List<Bar<StageLane>> bars = new ArrayList<>(lanes.size());
        for (int i = 0; i < lanes.size(); i++) {
            StageLane lane = lanes.get(i);
            bars.add(new Bar<>(i, lane.start(), lane.end(), lane.errors() > 0 ? Tone.FAILED : Tone.NEUTRAL,
                    lane.name(), lane, lane.errorTimes()));
        }
        return bars;
    }

    static Tone toneOf(ExecutionSummary e) {
        return switch (e.status()) {
            case OK -> Tone.OK;
            case WARNINGS -> Tone.WARNING;
            case FAILED -> Tone.FAILED;
        };
    }
}
