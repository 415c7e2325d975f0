package dev.pipelog.ui.pipelines;

import dev.pipelog.config.Settings;
import dev.pipelog.config.SettingsLoader;
import dev.pipelog.ingest.IntakeResult;
import dev.pipelog.ingest.JsonFilePipelineSettings;
import dev.pipelog.ingest.PipelineSettingsService;
import dev.pipelog.model.LogQuery;
import dev.pipelog.store.LogStore;
import dev.pipelog.ui.common.ControllerFactory;
import dev.pipelog.ui.common.Navigator;
import dev.pipelog.ui.common.Theme;
import dev.pipelog.ui.common.UiServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/**
 * What the view tests share: services over a store, a navigator that records where it was sent,
 * and an FXML loader using the shell's controller factory and theme.
 */
public final class ViewTestSupport {
    private ViewTestSupport() {
    }

    /** A background executor of daemon threads, as the app's. */
    public static ExecutorService background() {
        return Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "view-test-background");
            t.setDaemon(true);
            return t;
        });
    }

    public static UiServices services(LogStore store, PipelineSettingsService settings, ExecutorService background,
            Path dataDir) {
        Settings config = SettingsLoader.load(List.of(), Map.of("PIPELOG_DATA_DIR", dataDir.toString()));
        return new UiServices(config, store,
                batch -> CompletableFuture.completedFuture((IntakeResult) null),
                () -> null, settings, background, "http://127.0.0.1:5170");
    }

    /** Runs on the FX thread and returns its result; for reading view state from a test. */
    public static <T> T onFx(java.util.concurrent.Callable<T> work) {
        try {
            return org.testfx.util.WaitForAsyncUtils.asyncFx(work).get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void onFx(Runnable work) {
        onFx(() -> {
            work.run();
            return null;
        });
    }

    /** Waits (up to 20 s, failing then) until the condition, evaluated on the FX thread, holds. */
    public static void waitUntil(java.util.concurrent.Callable<Boolean> condition) {
        try {
            org.testfx.util.WaitForAsyncUtils.waitFor(20, java.util.concurrent.TimeUnit.SECONDS,
                    () -> onFx(condition));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("condition not met within 20 s", e);
        }
    }

    /** The settings file service over its own fresh directory under {@code dir}. */
    public static JsonFilePipelineSettings settings(Path dir) {
        try {
            return JsonFilePipelineSettings.open(java.nio.file.Files.createTempDirectory(dir, "settings"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A loaded view: its root and its controller. */
    public record Loaded<C>(Parent root, C controller) {
    }

    /** Loads a view as the window does: the shell's controller factory, the light theme and its tokens. */
    public static <C> Loaded<C> load(String fxml, UiServices services, Navigator navigator) {
        FXMLLoader loader = new FXMLLoader(ViewTestSupport.class.getResource(fxml));
        loader.setControllerFactory(new ControllerFactory(services, navigator));
        try {
            Parent root = loader.load();
            Theme.LIGHT.apply(root);
            return new Loaded<>(root, loader.getController());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Remembers every navigation it is asked for. */
    public static final class RecordingNavigator implements Navigator {
        public final List<Object> calls = new ArrayList<>();

        @Override
        public void showRecords(LogQuery query) {
            calls.add(query);
        }

        @Override
        public void showCorrelation(String correlationId) {
            calls.add("correlation:" + correlationId);
        }

        @Override
        public void showPipeline(String pipelineId, String executionId) {
            calls.add("pipeline:" + pipelineId + "/" + executionId);
        }
    }
}
