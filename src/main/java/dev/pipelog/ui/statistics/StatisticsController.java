package dev.pipelog.ui.statistics;

import dev.pipelog.model.Level;
import dev.pipelog.model.Stats;
import dev.pipelog.ui.common.FeatureView;
import dev.pipelog.ui.common.Navigator;
import dev.pipelog.ui.common.UiServices;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.StackedAreaChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.util.StringConverter;

/**
 * The Statistics view: a window and pipeline picker over cards and charts of the store's aggregates.
 * A pipeline's bar opens its runs; a double click on an error logger opens its errors in Explore.
 */
public final class StatisticsController implements FeatureView {
    private static final String ALL_PIPELINES = "All pipelines";

    private final StatisticsViewModel model;
    private final Navigator navigator;

    @FXML private HBox windowButtons;
    @FXML private ComboBox<String> pipelineBox;
    @FXML private ProgressIndicator progress;
    @FXML private Label messageLabel;
    @FXML private Label totalValue;
    @FXML private Label errorsValue;
    @FXML private Label errorRateValue;
    @FXML private Label pipelinesValue;
    @FXML private Label executionsValue;
    @FXML private StackedAreaChart<Number, Number> volumeChart;
    @FXML private BarChart<String, Number> levelsChart;
    @FXML private BarChart<Number, String> errorsByPipelineChart;
    @FXML private BarChart<Number, String> errorRateChart;
    @FXML private BarChart<String, Number> outcomesChart;
    @FXML private TableView<Stats.LoggerCount> loggersTable;
    @FXML private TableColumn<Stats.LoggerCount, String> loggerColumn;
    @FXML private TableColumn<Stats.LoggerCount, String> loggerPipelineColumn;
    @FXML private TableColumn<Stats.LoggerCount, Long> loggerCountColumn;

    public StatisticsController(UiServices services, Navigator navigator) {
        this.model = new StatisticsViewModel(services.store(), services.background());
        this.navigator = Objects.requireNonNull(navigator);
    }

    public StatisticsViewModel model() {
        return model;
    }

    @FXML
    private void initialize() {
        ToggleGroup group = new ToggleGroup();
        for (TimeWindow w : TimeWindow.values()) {
            ToggleButton b = new ToggleButton(w.label());
            b.setUserData(w);
            b.setToggleGroup(group);
            b.setSelected(w == model.windowProperty().get());
            windowButtons.getChildren().add(b);
        }
        group.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                group.selectToggle(was); // one window is always chosen
            } else {
                model.windowProperty().set((TimeWindow) now.getUserData());
            }
        });

        pipelineBox.getItems().setAll(ALL_PIPELINES);
        model.pipelines().addListener((javafx.collections.ListChangeListener<String>) c -> {
            String current = model.pipelineProperty().get();
            pipelineBox.getItems().setAll(ALL_PIPELINES);
            pipelineBox.getItems().addAll(model.pipelines());
            pipelineBox.setValue(current == null ? ALL_PIPELINES : current);
        });
        pipelineBox.setValue(ALL_PIPELINES);
        pipelineBox.valueProperty().addListener((o, was, now) ->
                model.pipelineProperty().set(now == null || ALL_PIPELINES.equals(now) ? null : now));

        progress.visibleProperty().bind(model.loadingProperty());
        messageLabel.textProperty().bind(model.messageProperty());
        for (var chart : java.util.List.of(volumeChart, levelsChart, errorsByPipelineChart, errorRateChart,
                outcomesChart)) {
            chart.setAnimated(false);
        }
        ((javafx.scene.chart.NumberAxis) errorRateChart.getXAxis()).setTickLabelFormatter(percent());
        loggerColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().logger()));
        loggerPipelineColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().pipelineId()));
        loggerCountColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().count()));
        loggersTable.setRowFactory(t -> {
            TableRow<Stats.LoggerCount> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && row.getItem() != null) {
                    navigator.showRecords(model.errorsOf(row.getItem()));
                }
            });
            return row;
        });
        model.statsProperty().addListener((o, was, stats) -> show(stats));
    }

    private void show(Stats stats) {
        if (stats == null) {
            return;
        }
        long errors = stats.byLevel().getOrDefault(Level.ERROR, 0L) + stats.byLevel().getOrDefault(Level.CRITICAL, 0L);
        totalValue.setText(count(stats.total()));
        errorsValue.setText(count(errors));
        errorRateValue.setText(stats.total() == 0 ? "–" : String.format(Locale.ROOT, "%.2f %%", 100.0 * errors / stats.total()));
        pipelinesValue.setText(count(stats.uniquePipelines()));
        executionsValue.setText(count(stats.executionsByStatus().values().stream().mapToLong(Long::longValue).sum()));
        StatisticsCharts.volume(volumeChart, stats, model.statsFrom(), model.statsAsOf());
        StatisticsCharts.levels(levelsChart, stats);
        StatisticsCharts.topPipelinesByErrors(errorsByPipelineChart, stats, this::openPipeline);
        StatisticsCharts.errorRates(errorRateChart, stats, this::openPipeline);
        StatisticsCharts.outcomes(outcomesChart, stats);
        loggersTable.getItems().setAll(stats.topErrorLoggers());
    }

    private void openPipeline(String pipelineId) {
        navigator.showPipeline(pipelineId, null);
    }

    @Override
    public void onShow() {
        model.refresh();
    }

    @FXML
    private void refresh() {
        model.refresh();
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static StringConverter<Number> percent() {
        return new StringConverter<>() {
            @Override
            public String toString(Number n) {
                double v = n.doubleValue();
                return String.format(Locale.ROOT, v != 0 && Math.abs(v) < 10 ? "%.1f %%" : "%.0f %%", v);
            }

            @Override
            public Number fromString(String s) {
                throw new UnsupportedOperationException("axis labels are not parsed");
            }
        };
    }
}
