package dev.pipelog.ui.common;

import dev.pipelog.config.Settings;
import dev.pipelog.ingest.HealthService;
import dev.pipelog.ingest.Intake;
import dev.pipelog.ingest.PipelineSettingsService;
import dev.pipelog.store.LogStore;
import java.util.Objects;
import java.util.concurrent.ExecutorService;

/**
 * What every view may use, handed to controllers by the controller factory (no static singletons).
 * {@code background} runs store calls; the FX application thread never does.
 *
 * @param listenerUrl the URL the HTTP listener is bound to, e.g. {@code http://127.0.0.1:5170}
 */
public record UiServices(
        Settings settings,
        LogStore store,
        Intake intake,
        HealthService health,
        PipelineSettingsService pipelineSettings,
        ExecutorService background,
        String listenerUrl) {

    public UiServices {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(intake, "intake");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(pipelineSettings, "pipelineSettings");
        Objects.requireNonNull(background, "background");
        Objects.requireNonNull(listenerUrl, "listenerUrl");
    }
}
