package dev.pipelog.ui.common;

/**
 * A top-level view of the window (Explore, Pipelines, Correlation, Statistics). The main window
 * tells it when it becomes visible so it refreshes only what the user looks at.
 * Called on the FX application thread.
 */
public interface FeatureView {

    /** The view became visible: refresh from the store (in the background). */
    void onShow();

    /** The view was hidden: stop periodic work. */
    default void onHide() {
    }
}
