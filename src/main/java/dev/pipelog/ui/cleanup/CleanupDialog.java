package dev.pipelog.ui.cleanup;

import dev.pipelog.ui.common.ControllerFactory;
import dev.pipelog.ui.common.Theme;
import dev.pipelog.ui.common.ViewLoader;
import dev.pipelog.ui.common.Views;
import javafx.scene.Scene;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/** Opens the cleanup dialog over the main window; the dialog itself reports what it deleted. FX thread only. */
public final class CleanupDialog {
    private final ControllerFactory controllers;
    private final Theme theme;

    public CleanupDialog(ControllerFactory controllers, Theme theme) {
        this.controllers = controllers;
        this.theme = theme;
    }

    /** Shows the dialog; {@code onDeleted} runs after records were deleted (never on Cancel). */
    public Stage show(Window owner, Runnable onDeleted) {
        ViewLoader.Loaded<CleanupController> view = new ViewLoader(controllers).load(Views.CLEANUP);
        Theme.apply(view.root(), theme);
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Cleanup");
        stage.setScene(new Scene(view.root()));
        view.controller().setOnClose(stage::close);
        view.controller().setOnDeleted(result -> onDeleted.run());
        stage.show();
        return stage;
    }
}
