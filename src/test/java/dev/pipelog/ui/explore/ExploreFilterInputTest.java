package dev.pipelog.ui.explore;

import static dev.pipelog.ui.explore.ExploreViewTest.onFx;
import static dev.pipelog.ui.explore.ExploreViewTest.waitForCount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelog.model.Level;
import dev.pipelog.model.LogQuery;
import dev.pipelog.model.SortOrder;
import dev.pipelog.ui.UiFixture;
import dev.pipelog.ui.common.Formats;
import dev.pipelog.ui.common.Theme;
import dev.pipelog.ui.main.MainWindow;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.controlsfx.control.CheckComboBox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Typing into Explore's filter fields: input always goes where the user put it, one Enter searches. */
@ExtendWith(ApplicationExtension.class)
class ExploreFilterInputTest {
    @TempDir
    static Path dir;
    private static UiFixture fixture;

    @BeforeAll
    static void fillStore() {
        fixture = UiFixture.withDemoData(dir, 5_000);
    }

    @AfterAll
    static void closeStore() {
        fixture.close();
    }

    @AfterEach
    void closeWindow() throws Exception {
        FxToolkit.cleanupStages();
    }

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        MainWindow.open(stage, fixture.controllers(dir), Theme.LIGHT);
    }

    @Test
    void afterClearingAFilterFieldAClickInTheSearchBoxTypesThereAndEnterSearchesIt(FxRobot robot) throws Exception {
        waitForCount(robot, fixture.store.totalCount());
        long expected = fixture.store.count(all().text("retrying").build());
        assertThat(expected).isPositive();

        robot.clickOn("#pipelineField").write("daily");
        waitForSuggestions(robot, "#pipelineField");
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL).type(KeyCode.BACK_SPACE);
        robot.clickOn("#queryField").write("retrying").type(KeyCode.ENTER);

        waitForCount(robot, expected);
        assertThat(field(robot, "#queryField").getText()).isEqualTo("retrying");
        assertThat(field(robot, "#pipelineField").getText()).isEmpty();
    }

    @Test
    void oneEnterInAFilterFieldWithItsSuggestionsOpenRunsTheSearchWithWhatTheFieldShows(FxRobot robot)
            throws Exception {
        waitForCount(robot, fixture.store.totalCount());
        long expected = fixture.store.count(all().pipelineId("orders_etl").build());
        assertThat(expected).isPositive();

        robot.clickOn("#pipelineField").write("orders");
        waitForSuggestions(robot, "#pipelineField");
        robot.write("_etl").type(KeyCode.ENTER);

        waitForCount(robot, expected);
        assertThat(field(robot, "#pipelineField").getText()).isEqualTo("orders_etl");
    }

    @Test
    void downAndEnterTakeTheHighlightedSuggestionAndSearch(FxRobot robot) throws Exception {
        waitForCount(robot, fixture.store.totalCount());
        long expected = fixture.store.count(all().pipelineId("daily_sales").build());
        assertThat(expected).isPositive();

        robot.clickOn("#pipelineField").write("daily_s");
        waitForSuggestions(robot, "#pipelineField");
        robot.type(KeyCode.DOWN).type(KeyCode.ENTER);

        waitForCount(robot, expected);
        assertThat(field(robot, "#pipelineField").getText()).isEqualTo("daily_sales");
    }

    @Test
    void theFirstClickOnSearchWhileSuggestionsAreOpenSearches(FxRobot robot) throws Exception {
        waitForCount(robot, fixture.store.totalCount());
        long expected = fixture.store.count(all().pipelineId("orders_etl").build());

        robot.clickOn("#pipelineField").write("orders");
        waitForSuggestions(robot, "#pipelineField");
        robot.write("_etl");
        robot.clickOn("#searchButton");

        waitForCount(robot, expected);
    }

    @Test
    void pickedLevelsShowAsAChipThatRemovesThemAloneLeavingTheOtherFilters(FxRobot robot) throws Exception {
        waitForCount(robot, fixture.store.totalCount());
        robot.clickOn("#queryField").write("retrying").type(KeyCode.ENTER);
        waitForCount(robot, fixture.store.count(all().text("retrying").build()));
        long severe = fixture.store.count(all().text("retrying").levels(Set.of(Level.ERROR, Level.CRITICAL)).build());
        long warnings = fixture.store.count(all().text("retrying").levels(Set.of(Level.WARNING)).build());
        assertThat(warnings).isPositive();

        robot.clickOn("#levelPicker");
        for (String level : List.of("ERROR", "CRITICAL")) {
            Node cell = robot.lookup((Node n) -> n instanceof ListCell<?> c && level.equals(c.getText())).query();
            robot.clickOn(robot.from(cell).lookup(".check-box").queryAs(Node.class));
        }
        robot.type(KeyCode.ESCAPE);

        waitForCount(robot, severe);
        assertThat(shownText(robot, "#chip-levels")).isEqualTo("level: ERROR, CRITICAL");
        assertThat(shownText(robot, "#chip-text")).isEqualTo("text: retrying");
        assertThat(onFx(() -> robot.lookup("#levelPicker").queryAs(CheckComboBox.class).getTitle())).isEqualTo("ERROR +1");

        robot.clickOn("#chip-remove-levels");

        waitForCount(robot, fixture.store.count(all().text("retrying").build()));
        assertThat(robot.lookup("#chip-levels").tryQuery()).isEmpty();
        assertThat(shownText(robot, "#chip-text")).isEqualTo("text: retrying");
        assertThat(onFx(() -> robot.lookup("#levelPicker").queryAs(CheckComboBox.class).getCheckModel()
                .getCheckedItems().isEmpty())).isTrue();
    }

    @Test
    void anUnreadableFromTimeMarksTheFieldAndSaysWhyWithoutSqueezingTheToolbar(FxRobot robot) throws Exception {
        robot.interact(() -> {
            stage.setWidth(1024);
            stage.setHeight(680);
        });
        long total = fixture.store.totalCount();
        waitForCount(robot, total);

        robot.clickOn("#fromField").write("yesterday").type(KeyCode.ENTER);

        TextField from = field(robot, "#fromField");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> from.getPseudoClassStates().stream()
                .anyMatch(p -> p.getPseudoClassName().equals("danger"))));
        Label why = robot.lookup("#rangeError").queryAs(Label.class);
        assertThat(onFx(why::isVisible)).isTrue();
        assertThat(shownText(robot, "#rangeError")).contains("ISO-8601").isEqualTo(onFx(why::getText));
        for (String preset : List.of("#preset-last_15_minutes", "#preset-last_hour", "#preset-last_day",
                "#preset-last_week", "#preset-all")) {
            Labeled b = robot.lookup(preset).queryAs(Labeled.class);
            assertThat(shownText(robot, preset)).as(preset).isEqualTo(onFx(b::getText));
        }
        assertThat(shownText(robot, "#countLabel")).isEqualTo(Formats.count(total) + " matches");

        robot.clickOn("#preset-all");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> from.getPseudoClassStates().isEmpty()
                || from.getPseudoClassStates().stream().noneMatch(p -> p.getPseudoClassName().equals("danger"))));
        assertThat(onFx(why::isVisible)).isFalse();
        waitForCount(robot, total);
    }

    /** The text a label or button really shows: ellipsized when it does not fit. */
    static String shownText(FxRobot robot, String id) throws Exception {
        Node n = robot.lookup(id).query();
        return onFx(() -> ((Text) n.lookup(".text")).getText());
    }

    /** Waits until the field's suggestion list is on screen. */
    private static void waitForSuggestions(FxRobot robot, String field) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".suggestions")
                .match((Node n) -> n instanceof ListView<?> l && l.isVisible() && l.getScene() != null
                        && l.getScene().getWindow().isShowing() && !l.getItems().isEmpty())
                .tryQuery().isPresent() || oldSuggestionsShowing(robot));
    }

    /** ControlsFX's completion popup, as the old code showed it (so this test can run against it). */
    private static boolean oldSuggestionsShowing(FxRobot robot) {
        return robot.lookup(".auto-complete-popup").tryQuery().map(n -> n.getScene().getWindow().isShowing())
                .orElse(false);
    }

    static TextField field(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(TextField.class);
    }

    static LogQuery.Builder all() {
        return LogQuery.builder().order(SortOrder.ASCENDING);
    }
}
