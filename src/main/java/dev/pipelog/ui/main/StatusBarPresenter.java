package dev.pipelog.ui.main;

import dev.pipelog.model.Health;
import dev.pipelog.ui.common.Formats;
import dev.pipelog.ui.common.StyleClasses;
import dev.pipelog.ui.common.UiServices;
import java.util.Locale;
import java.util.function.LongConsumer;
import javafx.concurrent.ScheduledService;
import javafx.concurrent.Task;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.util.Duration;
import org.controlsfx.control.StatusBar;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Keeps the status bar current: one periodic poller reads {@code HealthService} on the background
 * executor and applies each snapshot to the bar in one update. FX thread only.
 */
final class StatusBarPresenter {
    static final Duration PERIOD = Duration.seconds(1);

    private final Hyperlink listener = new Hyperlink();
    private final Label stored = item("status-stored", "fth-database");
    private final Label rate = item("status-rate", "fth-trending-up");
    private final Label breaker = item("status-breaker", "fth-shield");
    private final Label backlog = item("status-backlog", "fth-archive");
    private final Label size = item("status-size", "fth-hard-drive");
    /** Shown only while something is kept in quarantine: records the store refused, fallback lines replay could not read. */
    private final Label quarantine = item("status-quarantine", "fth-alert-triangle");
    private final Tooltip quarantineTip = new Tooltip();
    private final Tooltip breakerTip = new Tooltip();
    private final ScheduledService<Health> poller;
    private final StatusBar bar;

    StatusBarPresenter(StatusBar bar, UiServices services, LongConsumer onStoredCount) {
        this.bar = bar;
        listener.setId("status-listener");
        listener.setText(services.listenerUrl());
        listener.setGraphic(new FontIcon("fth-radio"));
        listener.setTooltip(new Tooltip("Listener URL: click to copy"));
        breaker.setTooltip(breakerTip);
        quarantine.setTooltip(quarantineTip);
        quarantine.setVisible(false);
        quarantine.managedProperty().bind(quarantine.visibleProperty());
        listener.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(services.listenerUrl());
            Clipboard.getSystemClipboard().setContent(c);
            listener.setVisited(false);
        });
        bar.getLeftItems().setAll(listener);
        bar.getRightItems().setAll(stored, new Separator(javafx.geometry.Orientation.VERTICAL), rate,
                new Separator(javafx.geometry.Orientation.VERTICAL), breaker,
                new Separator(javafx.geometry.Orientation.VERTICAL), backlog, quarantine,
                new Separator(javafx.geometry.Orientation.VERTICAL), size);
        poller = new ScheduledService<>() {
            @Override
            protected Task<Health> createTask() {
                return new Task<>() {
                    @Override
                    protected Health call() {
                        return services.health().health();
                    }
                };
            }
        };
        poller.setExecutor(services.background());
        poller.setPeriod(PERIOD);
        poller.setRestartOnFailure(true);
        poller.setOnSucceeded(e -> {
            Health h = poller.getValue();
            show(h);
            onStoredCount.accept(h.storedTotal());
        });
    }

    void start() {
        poller.start();
    }

    void stop() {
        poller.cancel();
    }

    /** Shows a failure of background work in words, on the left of the bar, until the next one. */
    void showProblem(String words) {
        bar.setText(words);
        if (!bar.getStyleClass().contains(StyleClasses.STATUS_PROBLEM)) {
            bar.getStyleClass().add(StyleClasses.STATUS_PROBLEM);
        }
    }

    /** One refresh. Health's stored total already counts what cleanup deleted. */
    private void show(Health h) {
        stored.setText(Formats.count(h.storedTotal()) + " records");
        rate.setText(Formats.rate(h.ingestRate()));
        breaker.setText("breaker " + h.breaker().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        String breakerClass = StyleClasses.breaker(h.breaker());
        if (!breaker.getStyleClass().contains(breakerClass)) {
            // Touched only on a change: re-adding every second re-applies CSS for nothing.
            breaker.getStyleClass().removeIf(StyleClasses::isBreaker);
            breaker.getStyleClass().add(breakerClass);
        }
        breakerTip.setText(h.lastStorageError() == null ? "Circuit breaker of the storage writer: closed while storage works, open while it fails (records go to fallback files), half-open while it is probed"
                : "Last storage error: " + h.lastStorageError());
        backlog.setText(h.fallbackRecords() == 0 ? "no backlog"
                : Formats.count(h.fallbackRecords()) + " in fallback (" + h.fallbackFiles() + " files)");
        size.setText(Formats.bytes(h.databaseBytes()));
        showQuarantine(h);
    }

    private void showQuarantine(Health h) {
        long kept = h.quarantinedRecords() + h.quarantinedLines();
        quarantine.setVisible(kept > 0);
        if (kept == 0) {
            return;
        }
        quarantine.setText(Formats.count(kept) + " quarantined");
        quarantineTip.setText("Records the store refused: " + Formats.count(h.quarantinedRecords())
                + "; unreadable fallback lines: " + Formats.count(h.quarantinedLines())
                + ". Kept with their reasons in " + h.quarantineDirectory() + (h.lastQuarantineReason() == null ? "" : "\nLatest: " + h.lastQuarantineReason()));
    }

    private static Label item(String id, String icon) {
        Label l = new Label("…", new FontIcon(icon));
        l.setId(id);
        l.getStyleClass().add(StyleClasses.STATUS_ITEM);
        return l;
    }
}
