package dev.pipelog.ui.correlation;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import javafx.scene.control.TreeTableCell;
import javafx.scene.layout.Region;

/**
 * Draws a node's start and duration relative to the whole correlation as a bar: its left edge at
 * the node's offset from the first start, its width its share of the total span.
 */
final class WaterfallCell extends TreeTableCell<TraceRow, TraceRow> {
    static final String BAR = "waterfall-bar";
    static final String BAR_ERRORS = "has-errors";
    private static final double MIN_BAR = 2;
    private static final double BAR_HEIGHT = 10;

    private final Supplier<CorrelationTree> tree;
    private final Track track = new Track();

    WaterfallCell(Supplier<CorrelationTree> tree) {
        this.tree = tree;
        getStyleClass().add("waterfall-cell");
        setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
        // a graphic is laid out at its preferred width, so the track follows the column's width
        track.prefWidthProperty().bind(widthProperty().subtract(12));
    }

    @Override
    protected void updateItem(TraceRow row, boolean empty) {
        super.updateItem(row, empty);
        CorrelationTree t = tree.get();
        if (empty || row == null || t == null || row.kind() == TraceRow.Kind.MORE) {
            setGraphic(null);
            return;
        }
        track.show(fraction(t.start(), t.end(), row.start()), fraction(t.start(), t.end(), row.end()),
                row.totalErrors() > 0);
        setGraphic(track);
    }

    static double fraction(Instant from, Instant to, Instant t) {
        long total = Duration.between(from, to).toNanos();
        if (total <= 0) {
            return 0;
        }
        return Math.max(0, Math.min(1, Duration.between(from, t).toNanos() / (double) total));
    }

    /** The cell's graphic: a full-width track with the bar laid out by fractions of it. */
    private static final class Track extends Region {
        private final Region bar = new Region();
        private double from;
        private double to;

        Track() {
            bar.getStyleClass().add(BAR);
            getChildren().add(bar);
            setMinWidth(0);
            setPrefHeight(12);
        }

        void show(double start, double end, boolean errors) {
            from = start;
            to = end;
            bar.getStyleClass().remove(BAR_ERRORS);
            if (errors) {
                bar.getStyleClass().add(BAR_ERRORS);
            }
            requestLayout();
        }

        @Override
        protected void layoutChildren() {
            double w = getWidth();
            double x = Math.min(w - MIN_BAR, from * w);
            double h = Math.min(BAR_HEIGHT, getHeight());
            bar.resizeRelocate(Math.max(0, x), (getHeight() - h) / 2, Math.max(MIN_BAR, (to - from) * w), h);
        }
    }
}
