package dev.pipelog.ui.explore;

import atlantafx.base.theme.Styles;
import dev.pipelog.model.TimeBound;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

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
            b.setMinWidth(Region.USE_PREF_SIZE); // never "1…": a bad time elsewhere must not squeeze them
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

    /**
     * The range the controls describe; empty when a typed time cannot be read, and then the field
     * holding it is marked invalid (until it reads again).
     */
    Optional<Range> read() {
        TimePreset preset = presets.getSelectedToggle() == null ? TimePreset.CUSTOM
                : (TimePreset) presets.getSelectedToggle().getUserData();
        Optional<TimeBound> from = TimeBound.parse(fromField.getText());
        Optional<TimeBound> to = TimeBound.parse(toField.getText());
        boolean fromBad = !isBlank(fromField.getText()) && from.isEmpty();
        boolean toBad = !isBlank(toField.getText()) && to.isEmpty();
        fromField.pseudoClassStateChanged(Styles.STATE_DANGER, fromBad);
        toField.pseudoClassStateChanged(Styles.STATE_DANGER, toBad);
        if (fromBad || toBad) {
            return Optional.empty();
        }
        return Optional.of(new Range(preset, from.orElse(null), to.orElse(null)));
    }

    /** Back to all time: the filter chip of the range was removed. */
    void selectAll() {
        presets.getToggles().stream().filter(t -> t.getUserData() == TimePreset.ALL).findFirst()
                .ifPresent(presets::selectToggle);
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
