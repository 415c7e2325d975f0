package dev.pipelog.ui.main;

import dev.pipelog.ui.common.FeatureView;
import dev.pipelog.ui.common.ViewLoader;
import dev.pipelog.ui.common.Views;
import java.util.Locale;
import java.util.Optional;
import javafx.scene.control.Tab;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One feature view's tab, whose FXML is loaded the first time something needs the view: loading
 * every view before the first frame cost about a second of start-up the user spends looking at
 * Explore. FX thread only.
 */
final class FeatureTab {
    private final Views view;
    private final ViewLoader loader;
    private final Tab tab;
    private Object controller;

    FeatureTab(Views view, ViewLoader loader) {
        this.view = view;
        this.loader = loader;
        tab = new Tab(view.title());
        tab.setId("tab-" + view.name().toLowerCase(Locale.ROOT));
        tab.setGraphic(new FontIcon(view.icon()));
    }

    Tab tab() {
        return tab;
    }

    /** The view's controller, loading the view into the tab on first call. */
    Object controller() {
        if (controller == null) {
            ViewLoader.Loaded<Object> loaded = loader.load(view);
            tab.setContent(loaded.root());
            controller = loaded.controller();
        }
        return controller;
    }

    /** The view's lifecycle callbacks, loading it first: the caller is about to show it. */
    Optional<FeatureView> feature() {
        return asFeature(controller());
    }

    /** The lifecycle callbacks of a view already loaded; a view never loaded has nothing to stop. */
    Optional<FeatureView> featureIfLoaded() {
        return asFeature(controller);
    }

    private static Optional<FeatureView> asFeature(Object controller) {
        return controller instanceof FeatureView f ? Optional.of(f) : Optional.empty();
    }
}
