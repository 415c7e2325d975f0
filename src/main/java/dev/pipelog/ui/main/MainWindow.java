package dev.pipelog.ui.main;

import dev.pipelog.ui.common.ControllerFactory;
import dev.pipelog.ui.common.Theme;
import dev.pipelog.ui.common.ViewLoader;
import dev.pipelog.ui.common.Views;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** Puts the main window on a stage. FX thread only. */
public final class MainWindow {
    public static final double WIDTH = 1400;
    public static final double HEIGHT = 900;
    /** The smallest window every view is laid out for (docs/window.md), unless the screen is smaller. */
    public static final double MIN_WIDTH = 1024;
    public static final double MIN_HEIGHT = 680;

    private MainWindow() {
    }

    /** Loads the shell and its views into {@code stage}, shows it and starts its pollers. */
    public static MainWindowController open(Stage stage, ControllerFactory controllers, Theme theme) {
        return open(stage, controllers, theme, false);
    }

    /** As {@link #open(Stage, ControllerFactory, Theme)}; {@code loadDemoIfEmpty} presses "Load demo data" for the user. */
    public static MainWindowController open(Stage stage, ControllerFactory controllers, Theme theme,
                                            boolean loadDemoIfEmpty) {
        ViewLoader.Loaded<MainWindowController> view = new ViewLoader(controllers).load(Views.MAIN_WINDOW);
        stage.setTitle("Pipelog");
        size(stage);
        // On a stage already showing (the opening state), the window keeps the size the user sees.
        Scene opening = stage.getScene();
        stage.setScene(opening != null && stage.isShowing()
                ? new Scene(view.root(), opening.getWidth(), opening.getHeight())
                : new Scene(view.root(), initialWidth(), initialHeight()));
        stage.setOnHidden(e -> view.controller().stop());
        view.controller().start(theme, loadDemoIfEmpty);
        stage.show();
        return view.controller();
    }

    /** The minimum size (never larger than the screen: on a small display the window must still fit). */
    static void size(Stage stage) {
        var screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        stage.setMinWidth(Math.min(MIN_WIDTH, screen.getWidth()));
        stage.setMinHeight(Math.min(MIN_HEIGHT, screen.getHeight()));
    }

    static double initialWidth() {
        return Math.min(WIDTH, javafx.stage.Screen.getPrimary().getVisualBounds().getWidth());
    }

    static double initialHeight() {
        return Math.min(HEIGHT, javafx.stage.Screen.getPrimary().getVisualBounds().getHeight());
    }
}
