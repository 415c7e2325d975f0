package dev.pipelog.ui.explore;

import dev.pipelog.store.LogStore;
import dev.pipelog.ui.common.UiServices;
import dev.pipelog.ui.common.UiTask;
import java.util.List;
import javafx.concurrent.Task;
import javafx.event.ActionEvent;
import javafx.geometry.Bounds;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Popup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Suggests stored values under a filter field as the user types, without ever taking input away
 * from the user (a popup that holds the keyboard or eats a click sends typing into the wrong field
 * and makes Enter pick a value instead of searching):
 * <ul>
 *   <li>it opens only for text typed into the focused field, never for an empty field or a value
 *       the view set itself, and closes when the field loses focus;</li>
 *   <li>the list can never be focused, so every key stays in the field: Down/Up move the
 *       highlight, Enter takes the highlighted value (if any) and then runs the field's action,
 *       the search, in the same key press; Esc closes the list;</li>
 *   <li>a click outside closes it and still reaches what was clicked.</li>
 * </ul>
 * Store reads run on the UI's background executor; an answer for text no longer in the field is
 * dropped. FX thread only.
 */
final class SuggestionPopup {
    static final String STYLE_CLASS = "suggestions";
    private static final Logger LOG = LoggerFactory.getLogger(SuggestionPopup.class);
    private static final int SUGGESTIONS = 15;
    private static final double ROW_HEIGHT = 26;
    private static final int VISIBLE_ROWS = 8;

    private final TextField field;
    private final UiServices services;
    private final LogStore.Field storeField;
    private final Popup popup = new Popup();
    private final ListView<String> list = new ListView<>();
    private Task<?> lookup;

    private SuggestionPopup(TextField field, UiServices services, LogStore.Field storeField) {
        this.field = field;
        this.services = services;
        this.storeField = storeField;
        list.getStyleClass().add(STYLE_CLASS);
        list.setId(field.getId() + "-suggestions");
        list.setFocusTraversable(false);
        list.setFixedCellSize(ROW_HEIGHT);
        list.addEventFilter(MouseEvent.MOUSE_CLICKED, this::clicked);
        popup.getContent().add(list);
        popup.setAutoHide(true);
        popup.setHideOnEscape(true);
        // A click outside closes the list and goes on to what was clicked: it is never swallowed.
        popup.setConsumeAutoHidingEvents(false);
        field.textProperty().addListener((obs, was, now) -> textChanged(now));
        field.focusedProperty().addListener((obs, was, focused) -> {
            if (!focused) {
                hide();
            }
        });
        field.addEventFilter(KeyEvent.KEY_PRESSED, this::keyPressed);
    }

    /** Suggests values of {@code storeField} under {@code field}. */
    static SuggestionPopup attach(TextField field, UiServices services, LogStore.Field storeField) {
        return new SuggestionPopup(field, services, storeField);
    }

    boolean isShowing() {
        return popup.isShowing();
    }

    private void textChanged(String text) {
        cancelLookup();
        if (!field.isFocused() || text == null || text.isBlank()) {
            hide(); // cleared, or set by the view: nothing was typed to complete
            return;
        }
        String typed = text.strip();
        lookup = UiTask.supply(() -> services.store().distinctValues(storeField, typed, SUGGESTIONS))
                .onSuccess(values -> offer(typed, values))
                .onError(e -> LOG.warn("no suggestions for {}", storeField, e))
                .start(services.background());
    }

    private void offer(String typed, List<String> values) {
        boolean stillTyped = field.isFocused() && typed.equals(field.getText().strip());
        // Only the value already typed in full is nothing to suggest.
        if (!stillTyped || values.isEmpty() || values.equals(List.of(typed))) {
            hide();
            return;
        }
        list.getItems().setAll(values);
        list.getSelectionModel().clearSelection();
        list.setPrefWidth(Math.max(field.getWidth(), 160));
        list.setPrefHeight(Math.min(values.size(), VISIBLE_ROWS) * ROW_HEIGHT + 4);
        if (!popup.isShowing()) {
            Bounds b = field.localToScreen(field.getBoundsInLocal());
            if (b == null) {
                return; // the field is not on screen
            }
            popup.show(field, b.getMinX(), b.getMaxY());
        }
    }

    private void keyPressed(KeyEvent e) {
        if (!popup.isShowing()) {
            return;
        }
        KeyCode code = e.getCode();
        if (code == KeyCode.DOWN || code == KeyCode.UP) {
            int n = list.getItems().size();
            int at = list.getSelectionModel().getSelectedIndex();
            int next = code == KeyCode.DOWN ? Math.min(n - 1, at + 1) : Math.max(-1, at - 1);
            if (next < 0) {
                list.getSelectionModel().clearSelection();
            } else {
                list.getSelectionModel().clearAndSelect(next);
                list.scrollTo(next);
            }
            e.consume();
        } else if (code == KeyCode.ENTER) {
            // Not consumed: the field's own action (the search) runs with the value taken.
            take(list.getSelectionModel().getSelectedItem());
        } else if (code == KeyCode.ESCAPE) {
            hide();
            e.consume();
        }
    }

    private void clicked(MouseEvent e) {
        String value = list.getSelectionModel().getSelectedItem();
        if (e.getButton() == MouseButton.PRIMARY && value != null) {
            take(value);
            field.fireEvent(new ActionEvent());
        }
    }

    /** Puts {@code value} (null: keep what was typed) into the field and closes the list. */
    private void take(String value) {
        if (value != null) {
            field.setText(value); // starts a lookup for the value taken...
            field.positionCaret(value.length());
        }
        cancelLookup(); // ...which nobody wants now
        hide();
    }

    private void hide() {
        popup.hide();
    }

    private void cancelLookup() {
        if (lookup != null) {
            lookup.cancel();
            lookup = null;
        }
    }
}
