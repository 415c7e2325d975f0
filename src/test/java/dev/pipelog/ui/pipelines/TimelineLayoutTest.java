package dev.pipelog.ui.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelog.model.ExecutionStatus;
import dev.pipelog.model.ExecutionSummary;
import dev.pipelog.model.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The timeline's arithmetic: rows for overlapping runs, zoom around the pointer, pan, round ticks. */
class TimelineLayoutTest {
    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    @Test
    void overlappingExecutionsGoToSeparateRowsAndTheOthersShareTheFirst() {
        var a = run("a", 0, 10, ExecutionStatus.OK);
        var b = run("b", 5, 15, ExecutionStatus.FAILED);
        var c = run("c", 12, 20, ExecutionStatus.WARNINGS);
        var bars = ExecutionBars.of(List.of(c, b, a));
        assertThat(bars).extracting(GanttChart.Bar::value).containsExactly(a, b, c);
        assertThat(bars).extracting(GanttChart.Bar::row).containsExactly(0, 1, 0);
        assertThat(bars).extracting(GanttChart.Bar::tone)
                .containsExactly(GanttChart.Tone.OK, GanttChart.Tone.FAILED, GanttChart.Tone.WARNING);
    }

    @Test
    void zoomKeepsTheTimeUnderThePointerAndStaysInsideTheRange() {
        TimeAxis axis = new TimeAxis();
        axis.setRange(T0, T0.plus(Duration.ofHours(10)));
        Instant underPointer = axis.toTime(250, 1000);

        axis.zoom(0.5, 250, 1000);
        assertThat(axis.visibleSpan()).isEqualTo(Duration.ofHours(5));
        assertThat(axis.toTime(250, 1000)).isEqualTo(underPointer);
        assertThat(axis.zoomed()).isTrue();

        axis.pan(10_000, 1000);
        assertThat(axis.visibleStart()).isEqualTo(T0);
        axis.zoom(100, 500, 1000);
        assertThat(axis.visibleSpan()).isEqualTo(Duration.ofHours(10));
        assertThat(axis.zoomed()).isFalse();
    }

    @Test
    void zoomStopsAtATenthOfASecond() {
        TimeAxis axis = new TimeAxis();
        axis.setRange(T0, T0.plusSeconds(60));
        for (int i = 0; i < 50; i++) {
            axis.zoom(0.5, 500, 1000);
        }
        assertThat(axis.visibleSpan()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void ticksAreRoundAndLeaveRoomForTheirLabels() {
        var ticks = TimeTicks.ticks(T0.plusSeconds(17), T0.plus(Duration.ofHours(6)), 600, 90, ZoneOffset.UTC);
        assertThat(ticks).extracting(TimeTicks.Tick::label).containsExactly("Nov 28 11:00", "12:00", "13:00", "14:00", "15:00", "16:00");
    }

    @Test
    void aZoomedAxisSaysWhichDayItShowsAtItsStartAndAtMidnight() {
        Instant lateEvening = Instant.parse("2026-12-07T21:30:00Z");
        var ticks = TimeTicks.ticks(lateEvening, lateEvening.plus(Duration.ofHours(4)), 600, 90, ZoneOffset.UTC);
        assertThat(ticks).extracting(TimeTicks.Tick::label)
                .containsExactly("Dec 7 22:00", "23:00", "Dec 8 00:00", "01:00");
    }

    @Test
    void aLabelAtTheEdgeMovesInsideInsteadOfBeingCut() {
        assertThat(TimeTicks.labelCentre(590, 60, 0, 600)).isEqualTo(570);
        assertThat(TimeTicks.labelCentre(5, 60, 0, 600)).isEqualTo(30);
        assertThat(TimeTicks.labelCentre(300, 60, 0, 600)).isEqualTo(300);
    }

    @Test
    void retentionMustBeAWholeNumberOfDaysInRange() {
        assertThat(new SettingsDraft("p", Level.INFO, " 30 ").validate())
                .isEqualTo(new SettingsDraft.Valid(new dev.pipelog.model.PipelineSettings("p", Level.INFO, 30)));
        assertThat(new SettingsDraft("p", null, "").validate())
                .isEqualTo(new SettingsDraft.Valid(new dev.pipelog.model.PipelineSettings("p", null, null)));
        assertThat(new SettingsDraft("p", null, "0").validate()).isInstanceOf(SettingsDraft.Invalid.class);
        assertThat(new SettingsDraft("p", null, "-3").validate()).isInstanceOf(SettingsDraft.Invalid.class);
        assertThat(new SettingsDraft("p", null, "99999999").validate()).isInstanceOf(SettingsDraft.Invalid.class);
    }

    private static ExecutionSummary run(String id, int fromMinute, int toMinute, ExecutionStatus status) {
        return new ExecutionSummary("p", id, T0.plus(Duration.ofMinutes(fromMinute)), T0.plus(Duration.ofMinutes(toMinute)),
                1, Map.of(), status, null);
    }
}
