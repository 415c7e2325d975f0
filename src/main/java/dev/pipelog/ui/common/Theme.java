package dev.pipelog.ui.common;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Parent;

/** The two looks of the window: AtlantaFX Primer plus Pipelog's tokens, with small dark overrides. */
public enum Theme {
    // The binary (.bss) form of the theme parses several times faster than its 170 KB of CSS at start-up.
    LIGHT(new PrimerLight().getUserAgentStylesheetBSS()),
    DARK(new PrimerDark().getUserAgentStylesheetBSS());

    private final String userAgentStylesheet;

    Theme(String userAgentStylesheet) {
        this.userAgentStylesheet = userAgentStylesheet;
    }

    public Theme other() {
        return this == LIGHT ? DARK : LIGHT;
    }

    /** Applies the theme to the whole application and marks {@code root} for the dark token overrides. */
    public void apply(Parent root) {
        useAsUserAgentStylesheet();
        apply(root, this);
    }

    /**
     * Makes this theme the application's user-agent stylesheet. Called before the first control
     * exists, it also spares JavaFX loading its default (Modena) stylesheet only to replace it.
     */
    public void useAsUserAgentStylesheet() {
        Application.setUserAgentStylesheet(userAgentStylesheet);
    }

    /** Marks a root of another window (a dialog) for this theme's token overrides. */
    public static void apply(Parent root, Theme theme) {
        if (!root.getStylesheets().contains(stylesheet())) {
            root.getStylesheets().add(stylesheet());
        }
        root.getStyleClass().remove(StyleClasses.DARK);
        if (theme == DARK) {
            root.getStyleClass().add(StyleClasses.DARK);
        }
    }

    private static String stylesheet() {
        return Theme.class.getResource(StyleClasses.STYLESHEET).toExternalForm();
    }
}
