package dev.pipelog.ui.pipelines;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.css.StyleableProperty;
import javafx.css.StyleablePropertyFactory;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

/**
 * Bars over time on a Canvas, one row per lane, coloured by tone, with optional error markers.
 * The wheel zooms around the pointer, dragging pans, a double click shows everything again and a
 * click on a bar reports its value. Colours come from CSS ({@code -pl-ok-fill} and friends) so the
 * light and dark themes apply. Used on the FX thread only.
 *
 * @param <T> what a bar stands for (an execution, a stage)
 */
public final class GanttChart<T> extends Region {
    public static final String STYLE_CLASS = "gantt-chart";

    private static final double ROW_HEIGHT = 22;
    private static final double BAR_INSET = 3;
    private static final double AXIS_HEIGHT = 20;
    private static final double CLICK_SLOP = 4;
    private static final double MIN_BAR_WIDTH = 3;

    private static final StyleablePropertyFactory<GanttChart<?>> CSS =
            new StyleablePropertyFactory<>(Region.getClassCssMetaData());

    private final StyleableProperty<Color> okFill =
            CSS.createStyleableColorProperty(this, "okFill", "-pl-ok-fill", c -> c.okFill, Color.web("#2da44e"));
    private final StyleableProperty<Color> warningFill =
            CSS.createStyleableColorProperty(this, "warningFill", "-pl-warning-fill", c -> c.warningFill, Color.web("#bf8700"));
    private final StyleableProperty<Color> failedFill =
            CSS.createStyleableColorProperty(this, "failedFill", "-pl-failed-fill", c -> c.failedFill, Color.web("#cf222e"));
    private final StyleableProperty<Color> neutralFill =
            CSS.createStyleableColorProperty(this, "neutralFill", "-pl-neutral-fill", c -> c.neutralFill, Color.web("#0969da"));
    private final StyleableProperty<Color> markerFill =
            CSS.createStyleableColorProperty(this, "markerFill", "-pl-marker-fill", c -> c.markerFill, Color.web("#a40e26"));
    private final StyleableProperty<Color> textFill =
            CSS.createStyleableColorProperty(this, "textFill", "-pl-text-fill", c -> c.textFill, Color.web("#24292f"));
    private final StyleableProperty<Color> gridStroke =
            CSS.createStyleableColorProperty(this, "gridStroke", "-pl-grid-stroke", c -> c.gridStroke, Color.web("#d0d7de"));
    private final StyleableProperty<Color> selectionStroke =
            CSS.createStyleableColorProperty(this, "selectionStroke", "-pl-selection-stroke", c -> c.selectionStroke, Color.web("#0969da"));

    private final Canvas canvas = new Canvas();
    private final TimeAxis axis = new TimeAxis();
    private final Tooltip tooltip = new Tooltip();
    private List<Bar<T>> bars = List.of();
    private List<String> rowLabels = List.of();
    private int rows;
    private double gutter;
    private T selected;
    private Bar<T> hovered;
    private Consumer<T> onBarClicked = v -> { };
    private Function<Bar<T>, String> tooltipText = Bar::label;
    private String placeholder = "";
    /** Measures tick labels so the last one is not cut at the edge. */
    private final javafx.scene.text.Text labelMeter = new javafx.scene.text.Text();
    private double pressX;
    private double lastDragX;

    /** Tone of a bar: the outcome colours of executions, or neutral for stages. */
    public enum Tone { OK, WARNING, FAILED, NEUTRAL }

    /** One bar; {@code markers} are instants drawn as ticks on it (errors). */
    public record Bar<T>(int row, Instant start, Instant end, Tone tone, String label, T value, List<Instant> markers) {
        public Bar {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            markers = List.copyOf(markers);
        }
    }

    public GanttChart() {
        getStyleClass().add(STYLE_CLASS);
        getChildren().add(canvas);
        // a theme switch changes the colours through CSS; the canvas must then be drawn again
        for (StyleableProperty<Color> colour : List.of(okFill, warningFill, failedFill, neutralFill, markerFill,
                textFill, gridStroke, selectionStroke)) {
            ((javafx.beans.value.ObservableValue<?>) colour).addListener(o -> redraw());
        }
        setMinHeight(AXIS_HEIGHT + ROW_HEIGHT + 2 * BAR_INSET);
        addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            pressX = e.getX();
            lastDragX = e.getX();
        });
        addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            axis.pan(e.getX() - lastDragX, plotWidth());
            lastDragX = e.getX();
            redraw();
        });
        addEventHandler(MouseEvent.MOUSE_RELEASED, this::onRelease);
        addEventHandler(MouseEvent.MOUSE_MOVED, e -> hover(barAt(e.getX(), e.getY()).orElse(null)));
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> hover(null));
    }

    /** Shows these bars over the range from the earliest start to the latest end, fully zoomed out. */
    public void setBars(List<Bar<T>> newBars, List<String> labels) {
        bars = List.copyOf(newBars);
        rowLabels = List.copyOf(labels);
        rows = Math.max(labels.size(), bars.stream().mapToInt(b -> b.row() + 1).max().orElse(0));
        Instant from = bars.stream().map(Bar::start).min(Instant::compareTo).orElse(Instant.now());
        Instant to = bars.stream().map(Bar::end).max(Instant::compareTo).orElse(from);
        long pad = Math.max(1000, (to.toEpochMilli() - from.toEpochMilli()) / 50);
        axis.setRange(from.minusMillis(pad), to.plusMillis(pad));
        setPrefHeight(AXIS_HEIGHT + Math.max(1, rows) * ROW_HEIGHT + 2 * BAR_INSET);
        requestLayout();
        redraw();
    }

    public List<Bar<T>> bars() {
        return bars;
    }

    public void setSelected(T value) {
        selected = value;
        redraw();
    }

    public void setOnBarClicked(Consumer<T> action) {
        onBarClicked = Objects.requireNonNull(action);
    }

    /** What the chart says while it has no bars. */
    /** What the chart says while it has no bars. */
    public String placeholder() {
        return placeholder;
    }

    public void setPlaceholder(String text) {
        placeholder = Objects.requireNonNull(text);
        redraw();
    }

    public void setTooltipText(Function<Bar<T>, String> text) {
        tooltipText = Objects.requireNonNull(text);
    }

    /** Zooms by {@code factor} around the middle (below 1 zooms in); the toolbar buttons use it. */
    public void zoom(double factor) {
        axis.zoom(factor, plotWidth() / 2, plotWidth());
        redraw();
    }

    public void resetZoom() {
        axis.reset();
        redraw();
    }

    public boolean isZoomed() {
        return axis.zoomed();
    }

    /** Centre of a bar in this node's coordinates, for tests that click it; empty when not visible. */
    public Optional<javafx.geometry.Point2D> centreOf(T value) {
        return bars.stream().filter(b -> Objects.equals(b.value(), value)).findFirst().map(b -> {
            double x1 = Math.max(0, axis.toX(b.start(), plotWidth()));
            double x2 = Math.min(plotWidth(), Math.max(axis.toX(b.end(), plotWidth()), x1 + MIN_BAR_WIDTH));
            return new javafx.geometry.Point2D(gutter + (x1 + x2) / 2, rowTop(b.row()) + ROW_HEIGHT / 2);
        });
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(Math.max(0, getWidth()));
        canvas.setHeight(Math.max(0, getHeight()));
        redraw();
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return CSS.getCssMetaData();
    }

    private void onScroll(ScrollEvent e) {
        if (e.getDeltaY() == 0) {
            return;
        }
        double factor = e.getDeltaY() > 0 ? 0.8 : 1.25;
        axis.zoom(factor, Math.max(0, e.getX() - gutter), plotWidth());
        redraw();
        e.consume();
    }

    private void onRelease(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        if (e.getClickCount() == 2) {
            resetZoom();
        } else if (Math.abs(e.getX() - pressX) < CLICK_SLOP) {
            barAt(e.getX(), e.getY()).ifPresent(b -> onBarClicked.accept(b.value()));
        }
    }

    private void hover(Bar<T> bar) {
        if (bar == hovered) {
            return;
        }
        hovered = bar;
        if (bar == null) {
            Tooltip.uninstall(this, tooltip);
        } else {
            tooltip.setText(tooltipText.apply(bar));
            Tooltip.install(this, tooltip);
        }
    }

    private Optional<Bar<T>> barAt(double x, double y) {
        double px = x - gutter;
        for (int i = bars.size() - 1; i >= 0; i--) {
            Bar<T> b = bars.get(i);
            double top = rowTop(b.row());
            double x1 = axis.toX(b.start(), plotWidth());
            double x2 = Math.max(axis.toX(b.end(), plotWidth()), x1 + MIN_BAR_WIDTH);
            if (y >= top && y <= top + ROW_HEIGHT && px >= x1 - 1 && px <= x2 + 1) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    private double plotWidth() {
        return Math.max(1, getWidth() - gutter);
    }

    private double rowTop(int row) {
        return BAR_INSET + row * ROW_HEIGHT;
    }

    private void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        if (bars.isEmpty()) {
            // an axis over no data would show a meaningless stretch of time
            g.setFill(textFill.getValue());
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(placeholder, w / 2, h / 2);
            return;
        }
        gutter = rowLabels.isEmpty() ? 0 : Math.min(180, w / 4);
        double plotBottom = h - AXIS_HEIGHT;
        drawAxis(g, plotBottom);
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        for (int row = 0; row < rowLabels.size(); row++) {
            g.setFill(textFill.getValue());
            g.fillText(ellipsize(rowLabels.get(row), gutter - 8), 4, rowTop(row) + ROW_HEIGHT / 2, gutter - 8);
        }
        g.save();
        g.beginPath();
        g.rect(gutter, 0, plotWidth(), plotBottom);
        g.clip();
        for (Bar<T> b : bars) {
            drawBar(g, b);
        }
        g.restore();
    }

    private void drawAxis(GraphicsContext g, double plotBottom) {
        g.setStroke(gridStroke.getValue());
        g.setLineWidth(1);
        g.strokeLine(gutter, plotBottom + 0.5, canvas.getWidth(), plotBottom + 0.5);
        g.setFill(textFill.getValue());
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.CENTER);
        for (TimeTicks.Tick tick : TimeTicks.ticks(axis.visibleStart(), axis.visibleEnd(), plotWidth(), 90,
                ZoneId.systemDefault())) {
            double x = Math.round(gutter + axis.toX(tick.time(), plotWidth())) + 0.5;
            g.strokeLine(x, 0, x, plotBottom + 4);
            labelMeter.setText(tick.label());
            labelMeter.setFont(g.getFont());
            double labelWidth = labelMeter.getLayoutBounds().getWidth();
            g.fillText(tick.label(), TimeTicks.labelCentre(x, labelWidth, 0, canvas.getWidth()), plotBottom + 4);
        }
    }

    private void drawBar(GraphicsContext g, Bar<T> b) {
        double x1 = gutter + axis.toX(b.start(), plotWidth());
        double x2 = Math.max(gutter + axis.toX(b.end(), plotWidth()), x1 + MIN_BAR_WIDTH);
        double top = rowTop(b.row()) + BAR_INSET;
        double height = ROW_HEIGHT - 2 * BAR_INSET;
        g.setFill(fillOf(b.tone()));
        g.fillRoundRect(x1, top, x2 - x1, height, 4, 4);
        g.setFill(markerFill.getValue());
        for (Instant m : b.markers()) {
            double mx = gutter + axis.toX(m, plotWidth());
            g.fillRect(mx - 1, top - 2, 2, height + 4);
        }
        if (Objects.equals(b.value(), selected) && selected != null) {
            g.setStroke(selectionStroke.getValue());
            g.setLineWidth(2);
            g.strokeRoundRect(x1 - 1, top - 1, x2 - x1 + 2, height + 2, 4, 4);
        }
        if (x2 - x1 > 60 && b.label() != null) {
            g.setFill(Color.WHITE);
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.CENTER);
            double left = Math.max(x1, gutter) + 4;
            g.fillText(ellipsize(b.label(), x2 - left - 4), left, top + height / 2, Math.max(1, x2 - left - 4));
        }
    }

    private Color fillOf(Tone tone) {
        return switch (tone) {
            case OK -> okFill.getValue();
            case WARNING -> warningFill.getValue();
            case FAILED -> failedFill.getValue();
            case NEUTRAL -> neutralFill.getValue();
        };
    }

    private static String ellipsize(String text, double width) {
        int fits = (int) Math.max(1, width / 6.5);
        return text.length() <= fits ? text : text.substring(0, Math.max(1, fits - 1)) + "…";
    }
}
