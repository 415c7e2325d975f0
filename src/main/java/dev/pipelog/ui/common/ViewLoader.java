package dev.pipelog.ui.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/** Loads a view's FXML with controllers from the controller factory. FX thread only. */
public final class ViewLoader {
    private final ControllerFactory controllers;

    public ViewLoader(ControllerFactory controllers) {
        this.controllers = controllers;
    }

    public <C> Loaded<C> load(Views view) {
        FXMLLoader loader = new FXMLLoader(view.location());
        loader.setControllerFactory(controllers);
        try {
            Parent root = loader.load();
            return new Loaded<>(root, loader.getController());
        } catch (IOException e) {
            throw new UncheckedIOException("could not load " + view, e);
        }
    }

    /** A loaded view: its root node and its controller. */
    public record Loaded<C>(Parent root, C controller) {
    }
}
