package dev.pipelog.ui.explore;

import dev.pipelog.model.Level;
import dev.pipelog.model.Stats;
import dev.pipelog.ui.common.Formats;
import dev.pipelog.ui.common.StyleClasses;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import javafx.geometry.VPos;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.scene.layout.Region;

/**
 * Volume over time stacked by level, drawn as one path per level (six nodes, however many bars),
 * coloured by the {@code -pl-level-*} tokens. Dragging across it selects a time range; a click
 * selects one bar. FX thread only.
 */
public final class LevelHistogram extends Region {
    private static final double LEFT = 56;
    private static final double BOTTOM = 18;
    private static final double TOP = 6;
    private static final double RIGHT = 8;

    private final Map<Level, Path> paths = new EnumMap<>(Level.class);
    private final Rectangle selection = new Rectangle();
    private final Text maxLabel = axisText();
    private final Text zeroLabel = axisText();
    private final Text startLabel = axisText();
    private final Text middleLabel = axisText();
    private final Text endLabel = axisText();
    private Stats.Histogram histogram;
    private Set<Level> levels = Set.of(Level.values());
    private BiConsumer<Instant, Instant> onRangeSelected = (a, b) -> { };
    private double dragStart = Double.NaN;

    public LevelHistogram() {
        getStyleClass().add(StyleClasses.HISTOGRAM);
        for (Level level : Level.values()) {
            Path p = new Path();
            p.getStyleClass().addAll("bar", StyleClasses.level(level));
            p.setManaged(false);
            paths.put(level, p);
            getChildren().add(p);
        }
        selection.getStyleClass().add(StyleClasses.HISTOGRAM_SELECTION);
        selection.setManaged(false);
        selection.setVisible(false);
        getChildren().addAll(selection, maxLabel, zeroLabel, startLabel, middleLabel, endLabel);
        setMinHeight(80);
        setPrefHeight(120);
        setOnMousePressed(e -> {
            dragStart = clampX(e.getX());
            selection.setVisible(false);
        });
        setOnMouseDragged(e -> showSelection(dragStart, clampX(e.getX())));
        setOnMouseReleased(e -> {
            double end = clampX(e.getX());
            selection.setVisible(false);
            if (!Double.isNaN(dragStart)) {
                select(dragStart, end);
            }
            dragStart = Double.NaN;
        });
    }

    /** Shows a histogram; only {@code visibleLevels} are drawn (all when empty). */
    public void show(Stats.Histogram data, Set<Level> visibleLevels) {
        this.histogram = data;
        this.levels = visibleLevels.isEmpty() ? Set.of(Level.values()) : Set.copyOf(visibleLevels);
        requestLayout();
    }

    /** Sum of the bars drawn: what the histogram says matched. */
    public long shownTotal() {
        return histogram == null ? 0 : total(histogram, levels);
    }

    /** What {@code data} counts at {@code visibleLevels} (all when empty), as the bars would add up. */
    static long total(Stats.Histogram data, Set<Level> visibleLevels) {
        return data.buckets().stream()
                .flatMap(b -> b.counts().entrySet().stream())
                .filter(e -> visibleLevels.isEmpty() || visibleLevels.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    /** Called with the start (inclusive) and end (exclusive) of a dragged or clicked range. */
    public void setOnRangeSelected(BiConsumer<Instant, Instant> handler) {
        onRangeSelected = handler;
    }

    @Override
    protected void layoutChildren() {
        paths.values().forEach(p -> p.getElements().clear());
        List<Stats.Bucket> buckets = histogram == null ? List.of() : histogram.buckets();
        double w = plotWidth();
        double h = getHeight() - TOP - BOTTOM;
        long max = buckets.stream().mapToLong(this::visibleTotal).max().orElse(0);
        if (!buckets.isEmpty() && max > 0 && w > 0 && h > 0) {
            double barWidth = w / buckets.size();
            double gap = barWidth > 4 ? 1 : 0;
            for (int i = 0; i < buckets.size(); i++) {
                double x = LEFT + i * barWidth;
                double y = TOP + h;
                for (Level level : Level.values()) {
                    long n = levels.contains(level) ? buckets.get(i).counts().getOrDefault(level, 0L) : 0;
                    if (n == 0) {
                        continue;
                    }
                    double barHeight = Math.max(1, h * n / max);
                    rect(paths.get(level), x, y - barHeight, barWidth - gap, barHeight);
                    y -= barHeight;
                }
            }
        }
        maxLabel.setText(Formats.count(max));
        zeroLabel.setText("0");
        place(maxLabel, 4, TOP + 8);
        place(zeroLabel, 4, TOP + h);
        if (!buckets.isEmpty()) {
            // A narrow range would repeat one minute three times: axisTimes adds seconds when needed.
            var labels = Formats.axisTimes(java.util.List.of(buckets.get(0).start(),
                    buckets.get(buckets.size() / 2).start(), bucketEnd(buckets.size() - 1)));
            startLabel.setText(labels.get(0));
            middleLabel.setText(labels.get(1));
            endLabel.setText(labels.get(2));
        } else {
            startLabel.setText("");
            middleLabel.setText("no records in this range");
            endLabel.setText("");
        }
        double labelY = getHeight() - 4;
        place(startLabel, LEFT, labelY);
        place(middleLabel, LEFT + w / 2 - middleLabel.getLayoutBounds().getWidth() / 2, labelY);
        place(endLabel, LEFT + w - endLabel.getLayoutBounds().getWidth(), labelY);
    }

    private long visibleTotal(Stats.Bucket b) {
        return b.counts().entrySet().stream().filter(e -> levels.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private void select(double x0, double x1) {
        if (histogram == null || histogram.buckets().isEmpty()) {
            return;
        }
        int n = histogram.buckets().size();
        int first = bucketIndex(Math.min(x0, x1), n);
        int last = bucketIndex(Math.max(x0, x1), n);
        onRangeSelected.accept(histogram.buckets().get(first).start(), bucketEnd(last));
    }

    private int bucketIndex(double x, int n) {
        int i = (int) Math.floor((x - LEFT) / plotWidth() * n);
        return Math.max(0, Math.min(n - 1, i));
    }

    private Instant bucketEnd(int index) {
        return histogram.buckets().get(index).start().plus(histogram.bucket());
    }

    private void showSelection(double x0, double x1) {
        selection.setX(Math.min(x0, x1));
        selection.setY(TOP);
        selection.setWidth(Math.abs(x1 - x0));
        selection.setHeight(Math.max(0, getHeight() - TOP - BOTTOM));
        selection.setVisible(true);
    }

    private double clampX(double x) {
        return Math.max(LEFT, Math.min(LEFT + plotWidth() - 0.5, x));
    }

    private double plotWidth() {
        return Math.max(0, getWidth() - LEFT - RIGHT);
    }

    private static void rect(Path p, double x, double y, double w, double h) {
        p.getElements().addAll(new MoveTo(x, y), new LineTo(x + w, y), new LineTo(x + w, y + h),
                new LineTo(x, y + h), new LineTo(x, y));
    }

    private static Text axisText() {
        Text t = new Text();
        t.getStyleClass().add(StyleClasses.HISTOGRAM_AXIS);
        t.setTextOrigin(VPos.BASELINE);
        t.setManaged(false);
        return t;
    }

    private static void place(Text t, double x, double y) {
        t.relocate(x, y - t.getLayoutBounds().getHeight() + 3);
    }
}
