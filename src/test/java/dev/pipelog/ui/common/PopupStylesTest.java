package dev.pipelog.ui.common;

import static dev.pipelog.ui.pipelines.ViewTestSupport.onFx;
import static dev.pipelog.ui.pipelines.ViewTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.PopupWindow;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.controlsfx.control.textfield.TextFields;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ControlsFX's popups are styled with Modena's colour names, which AtlantaFX does not define: each
 * suggestion popup logged CSS ClassCastExceptions. A popup that adopted Pipelog's stylesheet finds
 * them mapped onto the theme's tokens and nothing is logged, in either theme.
 */
@ExtendWith(ApplicationExtension.class)
class PopupStylesTest {
    private final List<String> cssProblems = new CopyOnWriteArrayList<>();
    private final Handler recorder = new Handler() {
        @Override
        public void publish(LogRecord r) {
            cssProblems.add(r.getLevel() + " " + r.getMessage() + (r.getThrown() == null ? "" : " " + r.getThrown()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger("javafx.css").addHandler(recorder);
    }

    @AfterEach
    void stopListening() throws Exception {
        Logger.getLogger("javafx.css").removeHandler(recorder);
        FxToolkit.cleanupStages();
    }

    @ParameterizedTest
    @EnumSource(Theme.class)
    void aSuggestionPopupShowsWithoutCssErrors(Theme theme, FxRobot robot) throws Exception {
        TextField field = onFx(() -> {
            TextField f = new TextField();
            PopupStyles.adopt(TextFields.bindAutoCompletion(f, "orders_etl", "orders_daily", "inventory")
                    .getAutoCompletionPopup());
            VBox root = new VBox(f);
            theme.apply(root);
            Stage stage = new Stage();
            stage.setScene(new Scene(root, 400, 300));
            stage.show();
            return f;
        });

        robot.clickOn(field).write("ord");

        waitUntil(() -> Window.getWindows().stream().anyMatch(w -> w instanceof PopupWindow && w.isShowing()
                && w.getClass().getSimpleName().equals("AutoCompletePopup")));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertThat(cssProblems).isEmpty();
    }
}
