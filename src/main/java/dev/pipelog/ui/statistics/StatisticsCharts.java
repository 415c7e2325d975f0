package dev.pipelog.ui.statistics;

import dev.pipelog.model.ExecutionStatus;
import dev.pipelog.model.Level;
import dev.pipelog.model.Stats;
import java.time.Duration;
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

    /**
     * Volume over time, one stacked series per level, in records per bucket; x is epoch seconds of
     * the bucket start. The last bucket is cut short by {@code asOf} (the window ends now) and the
     * first by {@code from} (the window's start, null for all time): their counts alone made the
     * curve fall to nearly 0 at the edges, so they are shown at the pace of the part inside the
     * window, as records per bucket like the others. Each point keeps its
     * bucket's real count as its extra value: the counts add up to the window's total.
     */
    static void volume(StackedAreaChart<Number, Number> chart, Stats stats, Instant from, Instant asOf) {
        List<Stats.Bucket> buckets = stats.histogram().buckets();
        Duration width = stats.histogram().bucket();
        double widthSeconds = Math.max(1, width.toMillis() / 1000.0);
        List<XYChart.Series<Number, Number>> series = new java.util.ArrayList<>();
        for (Level level : Level.values()) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(level.name());
            for (Stats.Bucket b : buckets) {
                long count = b.counts().getOrDefault(level, 0L);
                XYChart.Data<Number, Number> point = new XYChart.Data<>(b.start().getEpochSecond(),
                        count * widthSeconds / coveredSeconds(b, width, from, asOf));
                point.setExtraValue(count);
                s.getData().add(point);
            }
            series.add(s);
        }
        ((NumberAxis) chart.getYAxis()).setLabel("records per " + span(width));
        NumberAxis x = (NumberAxis) chart.getXAxis();
        if (!buckets.isEmpty()) {
            long first = buckets.get(0).start().getEpochSecond();
            long last = buckets.get(buckets.size() - 1).start().getEpochSecond();
            x.setAutoRanging(false);
            x.setLowerBound(first);
            x.setUpperBound(Math.max(last, first + 1));
            x.setTickUnit(Math.max(1, (last - first) / 6.0));
            x.setTickLabelFormatter(timeLabels(last - first));
        }
        chart.getData().setAll(series);
    }

    /** "15 min", "1 h", "1 d": a bucket's width in words. */
    static String span(Duration width) {
        if (width.toDays() >= 1 && width.toHoursPart() == 0 && width.toMinutesPart() == 0) {
            return width.toDays() + " d";
        }
        if (width.toHours() >= 1 && width.toMinutesPart() == 0) {
            return width.toHours() + " h";
        }
        if (width.toMinutes() >= 1 && width.toSecondsPart() == 0) {
            return width.toMinutes() + " min";
        }
        return width.toSeconds() + " s";
    }

    /** Seconds of the bucket inside the window [{@code from}, {@code asOf}]; {@code from} null: no start. */
    static double coveredSeconds(Stats.Bucket bucket, Duration width, Instant from, Instant asOf) {
        Instant start = from != null && from.isAfter(bucket.start()) ? from : bucket.start();
        Instant end = bucket.start().plus(width);
        if (asOf.isBefore(end)) {
            end = asOf;
        }
        // At least a second: a bucket begun a moment ago would turn one record into a spike.
        return Math.max(1, Duration.between(start, end).toMillis() / 1000.0);
    }

    /** Records by level, one bar per level, coloured by level. */
    static void levels(BarChart<String, Number> chart, Stats stats) {
        XYChart.Series<String, Number> s = new XYChart.Series<>();
        for (Level level : Level.values()) {
            s.getData().add(new XYChart.Data<>(level.name(), stats.byLevel().getOrDefault(level, 0L)));
        }
        chart.getData().setAll(List.of(s));
        CountAxis.fit((NumberAxis) chart.getYAxis(), stats.byLevel().values().stream().mapToLong(Long::longValue).max()
                .orElse(0), Double.MAX_VALUE);
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
        CountAxis.fit((NumberAxis) chart.getXAxis(), top.stream().mapToLong(Stats.PipelineStats::errors).max().orElse(0),
                Double.MAX_VALUE);
    }

    /** Error rate per pipeline in percent, highest first. */
    static void errorRates(BarChart<Number, String> chart, Stats stats, Consumer<String> onPipeline) {
        List<Stats.PipelineStats> top = stats.pipelines().stream()
                .sorted(Comparator.comparingDouble(Stats.PipelineStats::errorRate).reversed()).limit(TOP).toList();
        horizontal(chart, top.stream().map(p -> new XYChart.Data<Number, String>(p.errorRate() * 100, p.pipelineId()))
                .toList(), onPipeline);
        // A rate never passes 100 %: the axis stops there instead of at the next round step (110 %).
        CountAxis.fit((NumberAxis) chart.getXAxis(), top.stream().mapToDouble(p -> p.errorRate() * 100).max().orElse(0), 100);
    }

    /** Executions by outcome, coloured by outcome. */
    static void outcomes(BarChart<String, Number> chart, Stats stats) {
        XYChart.Series<String, Number> s = new XYChart.Series<>();
        for (ExecutionStatus status : ExecutionStatus.values()) {
            s.getData().add(new XYChart.Data<>(label(status), stats.executionsByStatus().getOrDefault(status, 0L)));
        }
        chart.getData().setAll(List.of(s));
        CountAxis.fit((NumberAxis) chart.getYAxis(),
                stats.executionsByStatus().values().stream().mapToLong(Long::longValue).max().orElse(0), Double.MAX_VALUE);
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
