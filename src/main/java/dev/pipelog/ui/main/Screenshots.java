package dev.pipelog.ui.main;

import dev.pipelog.ui.cleanup.CleanupDialog;
import dev.pipelog.ui.common.ControllerFactory;
import dev.pipelog.ui.common.Theme;
import dev.pipelog.ui.common.UiServices;
import dev.pipelog.ui.common.Views;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the README pictures: shows each view, waits until the background work has settled, and
 * writes {@code <view>.png} from a scene snapshot (plus {@code cleanup.png} of the dialog). Works
 * headless (Monocle) and under a real display. Call from a thread other than the FX thread.
 */
public final class Screenshots {
    private static final Logger LOG = LoggerFactory.getLogger(Screenshots.class);
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(60);

    private final MainWindowController window;
    private final ControllerFactory controllers;
    private final BooleanSupplier backgroundIdle;

    /** {@code backgroundIdle} says whether the UI's background executor has nothing running or queued. */
    public Screenshots(MainWindowController window, ControllerFactory controllers, BooleanSupplier backgroundIdle) {
        this.window = window;
        this.controllers = controllers;
        this.backgroundIdle = backgroundIdle;
    }

    /** Writes one PNG per feature view and one of the cleanup dialog into {@code dir}. */
    public List<Path> writeAll(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        settle(); // demo data may still be loading; the scenes are chosen from what it stored
        ScreenshotScenes scenes = new ScreenshotScenes(controllers.get(UiServices.class).store());
        for (Views view : onFx(window::featureViews)) {
            Runnable show = scenes.show(view, window);
            onFx(() -> {
                show.run();
                return null;
            });
            settle();
            onFx(() -> {
                scenes.afterLoad(view, window);
                return null;
            });
            settle(); // what the final touch asked for (a selected node's records)
            written.add(write(onFx(() -> snapshot(window.root().getScene())), dir, view));
        }
        Stage dialog = onFx(() -> new CleanupDialog(controllers, currentTheme())
                .show(window.root().getScene().getWindow(), () -> { }));
        // The demo's oldest records are a few minutes past 7 days old: that preset shows a real dry run.
        onFx(() -> {
            dialog.getScene().getRoot().lookupAll(".toggle-button").stream()
                    .filter(n -> n instanceof ToggleButton b && Integer.valueOf(7).equals(b.getUserData()))
                    .findFirst().ifPresent(n -> ((ToggleButton) n).fire());
            return null;
        });
        settle();
        written.add(write(onFx(() -> snapshot(dialog.getScene())), dir, Views.CLEANUP));
        onFx(() -> {
            dialog.close();
            return null;
        });
        return written;
    }

    private Theme currentTheme() {
        return window.root().getStyleClass().contains("dark") ? Theme.DARK : Theme.LIGHT;
    }

    /** Waits until the background executor stayed idle across a few pulses, so views show their data. */
    private void settle() throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
        int quiet = 0;
        while (quiet < 4 && System.nanoTime() < deadline) {
            Thread.sleep(150);
            onFx(() -> null); // lets pending runLater updates and a layout pass happen
            quiet = backgroundIdle.getAsBoolean() ? quiet + 1 : 0;
        }
        if (quiet < 4) {
            LOG.warn("views were still loading after {} s; the screenshot may show them half-filled",
                    SETTLE_LIMIT.toSeconds());
        }
    }

    private static WritableImage snapshot(Scene scene) {
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        return scene.snapshot(null);
    }

    private static Path write(WritableImage image, Path dir, Views view) throws IOException {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        out.setRGB(0, 0, w, h, argb, 0, w);
        Path file = dir.resolve(view.name().toLowerCase(Locale.ROOT) + ".png");
        ImageIO.write(out, "png", file.toFile());
        LOG.info("wrote {} ({}x{})", file, w, h);
        return file;
    }

    private static <T> T onFx(Supplier<T> action) throws InterruptedException {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(action.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("screenshot step failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the FX thread did not answer within 30 s", e);
        }
    }
}
