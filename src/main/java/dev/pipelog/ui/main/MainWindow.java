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
        // Never larger than the screen: on a small display the window must still fit.
        var screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        stage.setScene(new Scene(view.root(), Math.min(WIDTH, screen.getWidth()), Math.min(HEIGHT, screen.getHeight())));
        stage.setOnHidden(e -> view.controller().stop());
        view.controller().start(theme, loadDemoIfEmpty);
        stage.show();
        return view.controller();
    }
}
