package dev.pipelog.ui.explore;

import dev.pipelog.model.Level;
import dev.pipelog.ui.common.Formats;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One chip per filter of the search on screen, so every filter that narrows the results is visible
 * at a glance (a level picked in a closed combo box is not), each with its own × that removes just
 * that filter. The chips show the search that ran, not what the controls hold meanwhile. FX thread only.
 */
final class FilterChips {
    /** The filters a chip can stand for; each is removed on its own. */
    enum Kind { TEXT, LEVELS, PIPELINE, EXECUTION, LOGGER, TIME }

    static final String CHIP = "filter-chip";

    private final FlowPane pane;
    private final Consumer<Kind> onRemove;

    FilterChips(FlowPane pane, Consumer<Kind> onRemove) {
        this.pane = pane;
        this.onRemove = onRemove;
        pane.managedProperty().bind(pane.visibleProperty()); // no filters, no empty row
        pane.setVisible(false);
    }

    /** Shows the filters of the search that just started. */
    void show(SearchFilters f) {
        Map<Kind, String> chips = new EnumMap<>(Kind.class);
        if (f.text() != null) {
            chips.put(Kind.TEXT, f.regex() ? "regex: " + f.text() : "text: " + f.text());
        }
        if (!f.levels().isEmpty()) {
            chips.put(Kind.LEVELS, "level: " + f.levels().stream().sorted().map(Level::name)
                    .collect(Collectors.joining(", ")));
        }
        if (f.pipelineId() != null) {
            chips.put(Kind.PIPELINE, "pipeline: " + f.pipelineId());
        }
        if (f.executionId() != null) {
            chips.put(Kind.EXECUTION, "execution: " + f.executionId());
        }
        if (f.logger() != null) {
            chips.put(Kind.LOGGER, "logger: " + f.logger() + "…");
        }
        timeText(f).ifPresent(t -> chips.put(Kind.TIME, t));
        pane.getChildren().setAll(chips.entrySet().stream().map(e -> chip(e.getKey(), e.getValue())).toList());
        pane.setVisible(!chips.isEmpty());
    }

    private static Optional<String> timeText(SearchFilters f) {
        if (f.preset() == TimePreset.ALL) {
            return Optional.empty();
        }
        if (f.preset() != TimePreset.CUSTOM) {
            return Optional.of("time: last " + f.preset().label());
        }
        if (f.from() == null && f.to() == null) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        String from = f.from() == null ? "…" : Formats.time(f.from().resolve(now));
        String to = f.to() == null ? "now" : Formats.time(f.to().resolve(now));
        return Optional.of("time: " + from + " → " + to);
    }

    private HBox chip(Kind kind, String text) {
        Label label = new Label(text);
        label.setMinWidth(0);
        Button remove = new Button(null, new FontIcon("fth-x"));
        remove.setId("chip-remove-" + kind.name().toLowerCase(Locale.ROOT));
        remove.getStyleClass().addAll("flat", "small");
        remove.setFocusTraversable(false);
        remove.setOnAction(e -> onRemove.accept(kind));
        HBox chip = new HBox(2, label, remove);
        chip.setId("chip-" + kind.name().toLowerCase(Locale.ROOT));
        chip.getStyleClass().add(CHIP);
        chip.setAlignment(Pos.CENTER_LEFT);
        return chip;
    }
}
