package dev.pipelog.ui.explore;

import dev.pipelog.model.TimeBound;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;

/**
 * The time controls of Explore: preset buttons (15 m … All) and the from/to fields of a custom
 * range. Choosing a preset clears the fields; typing a range or zooming on the histogram clears the
 * preset. FX thread only.
 */
final class TimeRangePicker {
    /** A range read from the controls: a preset, or CUSTOM with its (optional) bounds. */
    record Range(TimePreset preset, TimeBound from, TimeBound to) {
    }

    private final ToggleGroup presets = new ToggleGroup();
    private final TextField fromField;
    private final TextField toField;

    TimeRangePicker(HBox presetBox, TextField fromField, TextField toField, Runnable onChange) {
        this.fromField = fromField;
        this.toField = toField;
        for (TimePreset preset : TimePreset.values()) {
            if (preset == TimePreset.CUSTOM) {
                continue;
            }
            ToggleButton b = new ToggleButton(preset.label());
            b.setId("preset-" + preset.name().toLowerCase(Locale.ROOT));
            b.setUserData(preset);
            b.setToggleGroup(presets);
            presetBox.getChildren().add(b);
            b.setSelected(preset == TimePreset.ALL);
        }
        presets.selectedToggleProperty().addListener((obs, was, now) -> {
            if (now != null) {
                fromField.clear();
                toField.clear();
                onChange.run();
            }
        });
    }

    /** The range the controls describe; empty when a typed time cannot be read. */
    Optional<Range> read() {
        TimePreset preset = presets.getSelectedToggle() == null ? TimePreset.CUSTOM
                : (TimePreset) presets.getSelectedToggle().getUserData();
        Optional<TimeBound> from = TimeBound.parse(fromField.getText());
        Optional<TimeBound> to = TimeBound.parse(toField.getText());
        if (!isBlank(fromField.getText()) && from.isEmpty() || !isBlank(toField.getText()) && to.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Range(preset, from.orElse(null), to.orElse(null)));
    }

    /** Switches to a custom range; {@code to} is exclusive, as the histogram's bucket ends are. */
    void setCustom(Instant from, Instant to) {
        presets.selectToggle(null);
        fromField.setText(from.toString());
        toField.setText(to.toString());
    }

    /** Shows the bounds of a query another view asked for (either may be null). */
    void setCustom(TimeBound from, TimeBound to) {
        presets.selectToggle(null);
        fromField.setText(from == null ? "" : from.toString());
        toField.setText(to == null ? "" : to.toString());
    }

    /** The user typed a range: it replaces the preset. */
    void customTyped() {
        presets.selectToggle(null);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
