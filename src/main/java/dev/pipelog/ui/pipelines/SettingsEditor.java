package dev.pipelog.ui.pipelines;

import dev.pipelog.ingest.PipelineSettingsService;
import dev.pipelog.model.Level;
import dev.pipelog.model.PipelineSettings;
import dev.pipelog.ui.common.UiTask;
import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.util.StringConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings form of the selected pipeline: minimum stored level and retention, read from and
 * saved to the settings service in the background, validated before saving. Use on the FX thread.
 */
public final class SettingsEditor {
    /** How the level picker names its choices; null (no rule) reads "every level". */
    static final StringConverter<Level> LEVEL_NAMES = new StringConverter<>() {
        @Override
        public String toString(Level level) {
            return level == null ? "every level" : level.name();
        }

        @Override
        public Level fromString(String text) {
            return Level.parse(text).orElse(null);
        }
    };
    private static final Logger LOG = LoggerFactory.getLogger(SettingsEditor.class);

    private final PipelineSettingsService service;
    private final Executor background;
    private final ObjectProperty<Level> minLevel = new SimpleObjectProperty<>();
    private final StringProperty retentionDays = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper invalid = new ReadOnlyBooleanWrapper();
    private String pipelineId;

    SettingsEditor(PipelineSettingsService service, Executor background) {
        this.service = Objects.requireNonNull(service);
        this.background = Objects.requireNonNull(background);
    }

    /** The minimum stored level being edited; null keeps every level. */
    public ObjectProperty<Level> minLevelProperty() {
        return minLevel;
    }

    /** Retention being edited, as typed: empty keeps records until cleaned up. */
    public StringProperty retentionDaysProperty() {
        return retentionDays;
    }

    /** What the form says: the current rules, a validation error, or that they were saved. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty invalidProperty() {
        return invalid.getReadOnlyProperty();
    }

    /** Shows the settings of this pipeline (none selected when null). */
    void edit(String pipeline) {
        pipelineId = pipeline;
        message.set("");
        invalid.set(false);
        if (pipeline == null) {
            return;
        }
        UiTask.supply(() -> service.get(pipeline))
                .onSuccess(found -> {
                    if (!pipeline.equals(pipelineId)) {
                        return;
                    }
                    minLevel.set(found.map(PipelineSettings::minLevel).orElse(null));
                    retentionDays.set(found.map(PipelineSettings::retentionDays).map(String::valueOf).orElse(""));
                    message.set(found.map(s -> "Current: " + SettingsDraft.describe(s))
                            .orElse("No rules: stores every level, keeps records until cleaned up"));
                })
                .onError(e -> {
                    LOG.warn("Reading the settings of {} failed", pipeline, e);
                    message.set("Could not read the settings: " + e.getMessage());
                })
                .start(background);
    }

    /** Validates the form and saves it for the pipeline being edited. */
    public void save() {
        String pipeline = pipelineId;
        if (pipeline == null) {
            return;
        }
        SettingsDraft.Result result = new SettingsDraft(pipeline, minLevel.get(), retentionDays.get()).validate();
        if (result instanceof SettingsDraft.Invalid bad) {
            invalid.set(true);
            message.set(bad.reason());
            return;
        }
        PipelineSettings settings = ((SettingsDraft.Valid) result).settings();
        invalid.set(false);
        message.set("Saving…");
        UiTask.supply(() -> {
            service.put(settings);
            return settings;
        })
                .onSuccess(s -> message.set("Saved: " + SettingsDraft.describe(s)))
                .onError(e -> {
                    LOG.warn("Saving the settings of {} failed", pipeline, e);
                    invalid.set(true);
                    message.set("Not saved: " + e.getMessage());
                })
                .start(background);
    }
}
