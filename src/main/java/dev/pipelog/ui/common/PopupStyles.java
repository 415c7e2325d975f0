package dev.pipelog.ui.common;

import javafx.scene.control.PopupControl;

/**
 * ControlsFX styles its popups (the suggestion list of autocompletion.css) with Modena's colour
 * names ({@code -fx-control-inner-background}, {@code -fx-accent}...), which AtlantaFX does not
 * define. A popup is a scene of its own, styled once before it first shows, where the window's
 * stylesheet does not reach: each suggestion popup logged CSS ClassCastExceptions. Pipelog's
 * stylesheet maps those names onto the theme's tokens; a popup adopts it here, before it shows.
 */
public final class PopupStyles {
    private PopupStyles() {
    }

    public static void adopt(PopupControl popup) {
        String sheet = PopupStyles.class.getResource(StyleClasses.STYLESHEET).toExternalForm();
        // The popup's scene root (its CSS bridge) holds the popup's stylesheets and matches .root.
        var sheets = popup.getScene().getRoot().getStylesheets();
        if (!sheets.contains(sheet)) {
            sheets.add(sheet);
        }
    }
}
