package dev.pipelog.ui.main;

import dev.pipelog.ui.common.Theme;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * What the window shows while the store opens: its frame at once, titled and sized, with words
 * saying what it waits for, instead of nothing (on a busy machine DuckDB's start took seconds and
 * the first frame came 9–11 s after start, blank). {@link MainWindow#open} replaces it. FX thread only.
 */
public final class OpeningView {
    static final String TEXT = "Opening the store…";

    private OpeningView() {
    }

    /** Puts the opening state on {@code stage} and shows it. */
    public static void show(Stage stage, Theme theme) {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(48, 48);
        Label words = new Label(TEXT);
        words.setId("openingLabel");
        words.getStyleClass().add("title-3");
        VBox root = new VBox(16, spinner, words);
        root.setAlignment(Pos.CENTER);
        root.getStyleClass().add("empty-backdrop");
        theme.apply(root);
        stage.setTitle("Pipelog");
        MainWindow.size(stage);
        stage.setScene(new Scene(root, MainWindow.initialWidth(), MainWindow.initialHeight()));
        stage.show();
    }
}
