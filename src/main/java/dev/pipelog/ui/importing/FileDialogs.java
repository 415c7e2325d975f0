package dev.pipelog.ui.importing;

import dev.pipelog.ingest.file.ImportSummary;
import dev.pipelog.ui.common.ControllerFactory;
import dev.pipelog.ui.common.Theme;
import dev.pipelog.ui.common.ViewLoader;
import dev.pipelog.ui.common.Views;
import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.Scene;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/** Opens the Open dialog (for a chosen or dropped file) and the followed-files list. FX thread only. */
public final class FileDialogs {
    private final ControllerFactory controllers;
    private final Theme theme;

    public FileDialogs(ControllerFactory controllers, Theme theme) {
        this.controllers = controllers;
        this.theme = theme;
    }

    /** Asks for a log file, then shows the Open dialog for it; nothing when the user cancels. */
    public Optional<Stage> chooseAndOpen(Window owner, Consumer<ImportSummary> onImported) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a log file");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Log files", "*.log", "*.txt", "*.json", "*.jsonl", "*.ndjson",
                        "*.clef", "*.gz", "*.log.*"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File chosen = chooser.showOpenDialog(owner);
        return chosen == null ? Optional.empty() : Optional.of(open(owner, chosen.toPath(), onImported));
    }

    /** Shows the Open dialog for {@code file}: its preview first. */
    public Stage open(Window owner, Path file, Consumer<ImportSummary> onImported) {
        ViewLoader.Loaded<ImportController> view = new ViewLoader(controllers).load(Views.IMPORT);
        Stage stage = dialog(owner, view, "Open " + file.getFileName());
        view.controller().setOnClose(stage::close);
        view.controller().setOnImported(onImported);
        view.controller().open(file);
        stage.show();
        return stage;
    }

    /** Shows the followed files. */
    public Stage showFollows(Window owner) {
        ViewLoader.Loaded<FollowsController> view = new ViewLoader(controllers).load(Views.FOLLOWS);
        Stage stage = dialog(owner, view, "Followed files");
        view.controller().setOnClose(stage::close);
        stage.setOnHidden(e -> view.controller().stop());
        view.controller().start();
        stage.show();
        return stage;
    }

    private Stage dialog(Window owner, ViewLoader.Loaded<?> view, String title) {
        Theme.apply(view.root(), theme);
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.NONE);
        stage.setTitle(title);
        stage.setScene(new Scene(view.root()));
        return stage;
    }
}
