package dev.pipelog.ui.statistics;

import dev.pipelog.model.ExecutionStatus;
import dev.pipelog.model.Level;
import dev.pipelog.model.Stats;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedAreaChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Tooltip;
import javafx.util.StringConverter;

/**
 * Fills the Statistics charts from one {@link Stats}: only the store's aggregates, never records.
 * Series order is fixed (the levels, the outcomes) so each colour always means the same thing.
 */
final class StatisticsCharts {
    static final int TOP = 10;

    private StatisticsCharts() {
    }

    /** Volume over time, one stacked series per level; x is epoch seconds of the bucket start. */
    static void volume(StackedAreaChart<Number, Number> chart, Stats stats) {
        List<Stats.Bucket> buckets = stats.histogram().buckets();
        List<XYChart.Series<Number, Number>> series = new java.util.ArrayList<>();
        for (Level level : Level.values()) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(level.name());
            for (Stats.Bucket b : buckets) {
                s.getData().add(new XYChart.Data<>(b.start().getEpochSecond(), b.counts().getOrDefault(level, 0L)));
            }
            series.add(s);
        }
        NumberAxis x = (NumberAxis) chart.getXAxis();
        if (!buckets.isEmpty()) {
            long from = buckets.get(0).start().getEpochSecond();
            long to = buckets.get(buckets.size() - 1).start().getEpochSecond();
            x.setAutoRanging(false);
            x.setLowerBound(from);
            x.setUpperBound(Math.max(to, from + 1));
            x.setTickUnit(Math.max(1, (to - from) / 6.0));
            x.setTickLabelFormatter(timeLabels(to - from));
        }
        chart.getData().setAll(series);
    }

    /** Records by level, one bar per level, coloured by level. */
    static void levels(BarChart<String, Number> chart, Stats stats) {
        XYChart.Series<String, Number> s = new XYChart.Series<>();
        for (Level level : Level.values()) {
            s.getData().add(new XYChart.Data<>(level.name(), stats.byLevel().getOrDefault(level, 0L)));
        }
        chart.getData().setAll(List.of(s));
        for (int i = 0; i < Level.values().length; i++) {
            tag(s.getData().get(i).getNode(), StatisticsStyles.of(Level.values()[i]));
        }
    }

    /** Pipelines with the most errors, most first. */
    static void topPipelinesByErrors(BarChart<Number, String> chart, Stats stats, Consumer<String> onPipeline) {
        List<Stats.PipelineStats> top = stats.pipelines().stream().filter(p -> p.errors() > 0)
                .sorted(Comparator.comparingLong(Stats.PipelineStats::errors).reversed()).limit(TOP).toList();
        horizontal(chart, top.stream().map(p -> new XYChart.Data<Number, String>(p.errors(), p.pipelineId())).toList(),
                onPipeline);
    }

    /** Error rate per pipeline in percent, highest first. */
    static void errorRates(BarChart<Number, String> chart, Stats stats, Consumer<String> onPipeline) {
        List<Stats.PipelineStats> top = stats.pipelines().stream()
                .sorted(Comparator.comparingDouble(Stats.PipelineStats::errorRate).reversed()).limit(TOP).toList();
        horizontal(chart, top.stream().map(p -> new XYChart.Data<Number, String>(p.errorRate() * 100, p.pipelineId()))
                .toList(), onPipeline);
    }

    /** Executions by outcome, coloured by outcome. */
    static void outcomes(BarChart<String, Number> chart, Stats stats) {
        XYChart.Series<String, Number> s = new XYChart.Series<>();
        for (ExecutionStatus status : ExecutionStatus.values()) {
            s.getData().add(new XYChart.Data<>(label(status), stats.executionsByStatus().getOrDefault(status, 0L)));
        }
        chart.getData().setAll(List.of(s));
        for (int i = 0; i < ExecutionStatus.values().length; i++) {
            tag(s.getData().get(i).getNode(), StatisticsStyles.of(ExecutionStatus.values()[i]));
        }
    }

    static String label(ExecutionStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Bars read top-down from the largest, so the category axis gets them in reverse. Clicking a
     * bar opens its pipeline.
     */
    private static void horizontal(BarChart<Number, String> chart, List<XYChart.Data<Number, String>> data,
            Consumer<String> onPipeline) {
        XYChart.Series<Number, String> s = new XYChart.Series<>();
        List<XYChart.Data<Number, String>> reversed = new java.util.ArrayList<>(data);
        java.util.Collections.reverse(reversed);
        s.getData().addAll(reversed);
        chart.getData().setAll(List.of(s));
        for (XYChart.Data<Number, String> d : reversed) {
            Node bar = d.getNode();
            if (bar != null) {
                bar.setCursor(Cursor.HAND);
                bar.setOnMouseClicked(e -> onPipeline.accept(d.getYValue()));
                Tooltip.install(bar, new Tooltip(d.getYValue() + ": click to open its runs"));
            }
        }
    }

    private static void tag(Node node, String styleClass) {
        if (node != null) {
            node.getStyleClass().add(styleClass);
        }
    }

    private static StringConverter<Number> timeLabels(long spanSeconds) {
        DateTimeFormatter format = DateTimeFormatter.ofPattern(spanSeconds > 2 * 86_400 ? "MMM d HH:mm" : "HH:mm")
                .withZone(ZoneId.systemDefault());
        return new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return format.format(Instant.ofEpochSecond(n.longValue()));
            }

            @Override
            public Number fromString(String s) {
                throw new UnsupportedOperationException("axis labels are not parsed");
            }
        };
    }
}
