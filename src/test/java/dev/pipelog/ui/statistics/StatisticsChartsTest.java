package dev.pipelog.ui.statistics;

import static dev.pipelog.ui.pipelines.ViewTestSupport.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelog.model.ExecutionStatus;
import dev.pipelog.model.Level;
import dev.pipelog.model.Stats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedAreaChart;
import javafx.scene.chart.XYChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

/** What the Statistics charts draw from a known {@link Stats}: rates, whole ticks, a rate axis that ends at 100 %. */
@ExtendWith(ApplicationExtension.class)
class StatisticsChartsTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void theEdgeBucketsCutShortByTheWindowDoNotDropTheVolumeToZero() {
        // The window starts 45 minutes into the first hour (150 records in its last 15 minutes), then
        // five full hours of 600 INFO records each, then the current hour: 6 minutes old, 60 records.
        List<Stats.Bucket> buckets = new ArrayList<>();
        buckets.add(new Stats.Bucket(T0, Map.of(Level.INFO, 150L)));
        for (int h = 1; h < 6; h++) {
            buckets.add(new Stats.Bucket(T0.plus(Duration.ofHours(h)), Map.of(Level.INFO, 600L)));
        }
        buckets.add(new Stats.Bucket(T0.plus(Duration.ofHours(6)), Map.of(Level.INFO, 60L)));
        Stats stats = stats(buckets, Map.of(), List.of(), Map.of());
        Instant asOf = T0.plus(Duration.ofHours(6)).plus(Duration.ofMinutes(6));

        StackedAreaChart<Number, Number> chart = onFx(() -> {
            StackedAreaChart<Number, Number> c = new StackedAreaChart<>(new NumberAxis(), new NumberAxis());
            StatisticsCharts.volume(c, stats, T0.plus(Duration.ofMinutes(45)), asOf);
            return c;
        });
        List<XYChart.Data<Number, Number>> info = onFx(() -> chart.getData().get(Level.INFO.ordinal()).getData());
        assertThat(onFx(() -> chart.getYAxis().getLabel())).isEqualTo("records per 1 h");

        assertThat(info).extracting(d -> d.getYValue().doubleValue()).as("records per hour").containsOnly(600.0);
        assertThat(info.stream().mapToLong(d -> (Long) d.getExtraValue()).sum()).as("the counts add up").isEqualTo(3_210);
    }

    @Test
    void countAxesTickOnWholeNumbersAndTheErrorRateAxisStopsAt100Percent() {
        Stats stats = stats(List.of(), Map.of(Level.ERROR, 9L, Level.INFO, 1L),
                List.of(new Stats.PipelineStats("all_bad", 9, 9, 1.0), new Stats.PipelineStats("fine", 1, 0, 0.0)),
                Map.of(ExecutionStatus.FAILED, 3L, ExecutionStatus.OK, 7L));

        List<Double> units = onFx(() -> {
            BarChart<Number, String> errors = new BarChart<>(new NumberAxis(), new CategoryAxis());
            BarChart<Number, String> rates = new BarChart<>(new NumberAxis(), new CategoryAxis());
            BarChart<String, Number> levels = new BarChart<>(new CategoryAxis(), new NumberAxis());
            BarChart<String, Number> outcomes = new BarChart<>(new CategoryAxis(), new NumberAxis());
            StatisticsCharts.topPipelinesByErrors(errors, stats, p -> { });
            StatisticsCharts.errorRates(rates, stats, p -> { });
            StatisticsCharts.levels(levels, stats);
            StatisticsCharts.outcomes(outcomes, stats);
            NumberAxis rate = (NumberAxis) rates.getXAxis();
            return List.of(((NumberAxis) errors.getXAxis()).getTickUnit(), ((NumberAxis) levels.getYAxis()).getTickUnit(),
                    ((NumberAxis) outcomes.getYAxis()).getTickUnit(), rate.getUpperBound(), rate.getTickUnit());
        });

        assertThat(units.subList(0, 3)).as("tick steps of counts").allSatisfy(u -> assertThat(u % 1).isZero())
                .containsExactly(2.0, 2.0, 2.0);
        assertThat(units.get(3)).as("the error rate axis ends at 100 %").isEqualTo(100.0);
        assertThat(units.get(4)).isEqualTo(20.0);
    }

    @Test
    void roundStepsFitTheLargestValue() {
        assertThat(CountAxis.step(0)).isEqualTo(1);
        assertThat(CountAxis.step(3)).isEqualTo(1);
        assertThat(CountAxis.step(9)).isEqualTo(2);
        assertThat(CountAxis.step(25)).isEqualTo(5);
        assertThat(CountAxis.step(1_234)).isEqualTo(500);
        assertThat(CountAxis.upper(9, Double.MAX_VALUE)).isEqualTo(10);
        assertThat(CountAxis.upper(0, Double.MAX_VALUE)).isEqualTo(1);
        assertThat(CountAxis.upper(97, 100)).isEqualTo(100);
    }

    private static Stats stats(List<Stats.Bucket> buckets, Map<Level, Long> byLevel, List<Stats.PipelineStats> pipelines,
                               Map<ExecutionStatus, Long> outcomes) {
        return new Stats(byLevel.values().stream().mapToLong(Long::longValue).sum(), byLevel, pipelines.size(), pipelines,
                new Stats.Histogram(Duration.ofHours(1), buckets), List.of(), outcomes);
    }
}
