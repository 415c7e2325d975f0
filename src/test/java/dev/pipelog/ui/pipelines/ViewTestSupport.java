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

    /** Writes a PNG of the scene, as the user would see it, and returns the image for checks. */
    public static java.awt.image.BufferedImage snapshot(javafx.scene.Scene scene, Path file) {
        return write(onFx(() -> scene.snapshot(null)), file);
    }

    /** Writes a PNG of one node at its full laid-out size (also the parts scrolled out of view). */
    public static java.awt.image.BufferedImage snapshot(javafx.scene.Node node, Path file) {
        return write(onFx(() -> node.snapshot(null, null)), file);
    }

    private static java.awt.image.BufferedImage write(javafx.scene.image.WritableImage image, Path file) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        java.awt.image.BufferedImage out = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_ARGB);
        javafx.scene.image.PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        try {
            java.nio.file.Files.createDirectories(file.getParent());
            javax.imageio.ImageIO.write(out, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
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
