package dev.pipelog.ui.main;

import static dev.pipelog.ui.pipelines.ViewTestSupport.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelog.ui.common.Theme;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;

/** Before the store is open the window already shows, sized, and says what it waits for. */
@ExtendWith(ApplicationExtension.class)
class OpeningViewTest {

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void theFrameShowsAtOnceSayingTheStoreIsOpeningAndKeepsTheMinimumSize(FxRobot robot) {
        Stage stage = onFx(() -> {
            Stage s = new Stage();
            OpeningView.show(s, Theme.DARK);
            return s;
        });

        assertThat(onFx(stage::isShowing)).isTrue();
        assertThat(robot.lookup("#openingLabel").queryAs(Label.class).getText()).isEqualTo("Opening the store…");
        assertThat(onFx(stage::getTitle)).isEqualTo("Pipelog");
        assertThat(onFx(stage::getMinWidth)).isEqualTo(MainWindow.MIN_WIDTH);
        assertThat(onFx(stage::getMinHeight)).isEqualTo(MainWindow.MIN_HEIGHT);
    }
}
