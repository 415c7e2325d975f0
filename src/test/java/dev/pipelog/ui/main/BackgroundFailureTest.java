package dev.pipelog.ui.main;

import static dev.pipelog.ui.pipelines.ViewTestSupport.onFx;
import static dev.pipelog.ui.pipelines.ViewTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelog.store.LogStore;
import dev.pipelog.store.StoreException;
import dev.pipelog.ui.UiFixture;
import dev.pipelog.ui.common.ControllerFactory;
import dev.pipelog.ui.common.Theme;
import dev.pipelog.ui.common.UiPreferences;
import dev.pipelog.ui.common.UiServices;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A store that fails the window's first question (which pipelines exist) used to leave Explore
 * never shown and nothing logged: the failure now reaches the status bar in words and the view
 * still opens.
 */
@ExtendWith(ApplicationExtension.class)
class BackgroundFailureTest {
    @TempDir
    Path dir;
    private UiFixture fixture;

    @Start
    void start(Stage stage) {
        fixture = UiFixture.withDemoData(dir, 500);
        UiServices s = fixture.services;
        UiServices failing = new UiServices(s.settings(), pipelinesFail(s.store()), s.intake(), s.health(),
                s.pipelineSettings(), s.background(), s.listenerUrl());
        MainWindow.open(stage, new ControllerFactory(failing, fixture.demoLoader(), new UiPreferences(dir)), Theme.LIGHT);
    }

    @AfterEach
    void close() throws Exception {
        fixture.closeAfterWindows();
    }

    @Test
    void aFailureAtStartUpIsShownInTheStatusBarAndExploreStillShowsTheRecords(FxRobot robot) {
        StatusBar bar = robot.lookup(".status-bar").queryAs(StatusBar.class);
        waitUntil(() -> bar.getText() != null && bar.getText().startsWith("Could not read the stored pipelines"));
        assertThat(onFx(bar::getText)).contains("disk on fire");
        assertThat(onFx(() -> bar.getStyleClass().contains("status-problem"))).isTrue();

        Label count = robot.lookup("#countLabel").queryAs(Label.class);
        waitUntil(() -> count.getText().matches("500 match.*"));
    }

    /** The real store, except that listing pipelines fails as a broken database would. */
    private static LogStore pipelinesFail(LogStore real) {
        return (LogStore) Proxy.newProxyInstance(LogStore.class.getClassLoader(), new Class<?>[] {LogStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("pipelines")) {
                        throw new StoreException("disk on fire", null);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
