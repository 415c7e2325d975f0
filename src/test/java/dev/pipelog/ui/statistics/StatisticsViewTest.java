package dev.pipelog.ui.statistics;

import static dev.pipelog.ui.pipelines.ViewTestSupport.onFx;
import static dev.pipelog.ui.pipelines.ViewTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelog.ingest.demo.DemoGenerator;
import dev.pipelog.model.Level;
import dev.pipelog.model.LogQuery;
import dev.pipelog.model.TimeBound;
import dev.pipelog.store.LogStore;
import dev.pipelog.ui.pipelines.DemoStores;
import dev.pipelog.ui.pipelines.ViewTestSupport;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.StackedAreaChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Statistics view on demo data in two stretches, 30 to 26 hours ago and 20 hours to 70 minutes
 * ago, so the 24 h and 1 h window edges fall where there are no records and counts are exact.
 */
@ExtendWith(ApplicationExtension.class)
class StatisticsViewTest {
    @TempDir
    static Path dir;
    private static LogStore store;
    private static ExecutorService background;
    private StatisticsController controller;
    private final ViewTestSupport.RecordingNavigator navigator = new ViewTestSupport.RecordingNavigator();

    @BeforeAll
    static void fillStore() {
        Instant now = Instant.now();
        store = DemoStores.open(dir, 3_000, now.minus(Duration.ofHours(26)), Duration.ofHours(4));
        store.append(new DemoGenerator(7, now.minus(Duration.ofMinutes(70)), Duration.ofHours(19), 6_000).next(6_000),
                false);
        background = ViewTestSupport.background();
    }

    @AfterAll
    static void closeStore() {
        background.shutdownNow();
        store.close();
    }

    @Start
    void start(Stage stage) {
        var loaded = ViewTestSupport.<StatisticsController>load("/dev/pipelog/ui/statistics/Statistics.fxml",
                ViewTestSupport.services(store, ViewTestSupport.settings(dir), background, dir), navigator);
        controller = loaded.controller();
        stage.setScene(new Scene(loaded.root(), 1200, 760));
        stage.show();
        controller.onShow();
    }

    @Test
    void theChartsAddUpToTheStoresCountsAndFollowTheWindow(FxRobot robot) {
        long lastDay = store.count(LogQuery.builder().since(TimeBound.ago(Duration.ofHours(24))).build());
        assertThat(lastDay).isEqualTo(6_000);
        waitUntil(() -> shownTotal(robot) == lastDay);
        assertLevelBarsMatch(robot, LogQuery.builder().since(TimeBound.ago(Duration.ofHours(24))));
        assertThat(volumeTotal(robot)).isEqualTo(lastDay);

        robot.clickOn("7 d");
        waitUntil(() -> shownTotal(robot) == 9_000);
        assertThat(volumeTotal(robot)).isEqualTo(9_000);
        assertLevelBarsMatch(robot, LogQuery.builder());

        robot.clickOn("1 h");
        waitUntil(() -> shownTotal(robot) == 0);
        assertThat(volumeTotal(robot)).isZero();
    }

    @Test
    void choosingAPipelineNarrowsEveryChartToIt(FxRobot robot) {
        robot.clickOn("all");
        waitUntil(() -> shownTotal(robot) == 9_000);
        String pipeline = "orders_etl";
        ComboBox<String> box = robot.lookup("#pipelineBox").queryComboBox();
        waitUntil(() -> box.getItems().contains(pipeline));
        robot.clickOn(box);
        robot.clickOn(robot.lookup(".list-cell").match(n -> n instanceof ListCell<?> c && pipeline.equals(c.getText()))
                .<Node>query());

        long total = store.count(LogQuery.builder().pipelineId(pipeline).build());
        waitUntil(() -> shownTotal(robot) == total);
        assertLevelBarsMatch(robot, LogQuery.builder().pipelineId(pipeline));
        long errors = store.count(LogQuery.builder().pipelineId(pipeline).levels(Set.of(Level.ERROR, Level.CRITICAL)).build());
        BarChart<Number, String> byErrors = robot.lookup("#errorsByPipelineChart").query();
        assertThat(onFx(() -> byErrors.getData().get(0).getData().stream()
                .collect(Collectors.toMap(XYChart.Data::getYValue, d -> d.getXValue().longValue()))))
                .isEqualTo(errors == 0 ? Map.of() : Map.of(pipeline, errors));
        TableView<?> loggers = robot.lookup("#loggersTable").queryTableView();
        assertThat(onFx(() -> loggers.getItems().stream().map(i -> ((dev.pipelog.model.Stats.LoggerCount) i).pipelineId())
                .collect(Collectors.toSet()))).isSubsetOf(Set.of(pipeline));
    }

    @Test
    void aPipelinesErrorBarOpensItsRunsAndAnErrorLoggerOpensItsErrors(FxRobot robot) {
        robot.clickOn("all");
        BarChart<Number, String> byErrors = robot.lookup("#errorsByPipelineChart").query();
        waitUntil(() -> shownTotal(robot) == 9_000 && !byErrors.getData().isEmpty());
        XYChart.Data<Number, String> top = onFx(() -> {
            var data = byErrors.getData().get(0).getData();
            return data.get(data.size() - 1);
        });
        robot.clickOn(top.getNode());
        assertThat(navigator.calls).containsExactly("pipeline:" + top.getYValue() + "/null");

        TableView<dev.pipelog.model.Stats.LoggerCount> loggers = robot.lookup("#loggersTable").queryTableView();
        var first = onFx(() -> loggers.getItems().get(0));
        javafx.scene.control.ScrollPane charts = robot.lookup(".charts-scroll").query();
        onFx(() -> charts.setVvalue(charts.getVmax())); // the table is below the charts
        robot.doubleClickOn(robot.lookup(".table-row-cell").match(n -> n instanceof javafx.scene.control.TableRow<?> r
                && r.getItem() == first).<Node>query());
        LogQuery query = (LogQuery) navigator.calls.get(1);
        assertThat(query.levels()).containsExactlyInAnyOrder(Level.ERROR, Level.CRITICAL);
        assertThat(store.count(query)).isEqualTo(first.count());
    }

    private static long shownTotal(FxRobot robot) {
        String text = robot.lookup("#totalValue").queryAs(Label.class).getText().replace(",", "");
        return text.chars().allMatch(Character::isDigit) && !text.isEmpty() ? Long.parseLong(text) : -1;
    }

    private void assertLevelBarsMatch(FxRobot robot, LogQuery.Builder filters) {
        BarChart<String, Number> levels = robot.lookup("#levelsChart").query();
        Map<String, Long> shown = onFx(() -> levels.getData().get(0).getData().stream()
                .collect(Collectors.toMap(XYChart.Data::getXValue, d -> d.getYValue().longValue())));
        Map<String, Long> expected = java.util.Arrays.stream(Level.values()).collect(Collectors.toMap(Level::name,
                l -> store.count(filters.levels(Set.of(l)).build())));
        assertThat(shown).isEqualTo(expected);
    }

    private static long volumeTotal(FxRobot robot) {
        StackedAreaChart<Number, Number> volume = robot.lookup("#volumeChart").query();
        return onFx(() -> volume.getData().stream().flatMap(s -> s.getData().stream())
                .mapToLong(d -> (Long) d.getExtraValue()).sum());
    }

}
