package dev.pipelog.ui.common;

import java.net.URL;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Every FXML view of the window, so one test can load them all. Feature views become the tabs of
 * the main window in this order (Ctrl+1..4).
 */
public enum Views {
    MAIN_WINDOW("main/MainWindow.fxml", null, null),
    EMPTY_STATE("main/EmptyState.fxml", null, null),
    EXPLORE("explore/Explore.fxml", "Explore", "fth-search"),
    PIPELINES("pipelines/Pipelines.fxml", "Pipelines", "fth-git-commit"),
    CORRELATION("correlation/Correlation.fxml", "Correlation", "fth-share-2"),
    STATISTICS("statistics/Statistics.fxml", "Statistics", "fth-bar-chart-2"),
    CLEANUP("cleanup/Cleanup.fxml", null, null),
    IMPORT("importing/Import.fxml", null, null),
    FOLLOWS("importing/Follows.fxml", null, null);

    private static final String BASE = "/dev/pipelog/ui/";

    private final String fxml;
    private final String title;
    private final String icon;

    Views(String fxml, String title, String icon) {
        this.fxml = fxml;
        this.title = title;
        this.icon = icon;
    }

    public URL location() {
        return Objects.requireNonNull(Views.class.getResource(BASE + fxml), () -> "missing FXML " + BASE + fxml);
    }

    /** The tab title of a feature view; null for the shell's own parts. */
    public String title() {
        return title;
    }

    /** Ikonli feather literal of the tab. */
    public String icon() {
        return icon;
    }

    public boolean isFeature() {
        return title != null;
    }

    public static List<Views> features() {
        return Arrays.stream(values()).filter(Views::isFeature).toList();
    }
}
