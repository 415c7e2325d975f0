package dev.pipelog.ui.pipelines;

import dev.pipelog.model.ExecutionStatus;
import dev.pipelog.model.ExecutionSummary;
import dev.pipelog.model.Level;
import dev.pipelog.model.LogRecord;
import dev.pipelog.model.PipelineSummary;
import dev.pipelog.ui.common.FeatureView;
import dev.pipelog.ui.common.Navigator;
import dev.pipelog.ui.common.UiServices;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;

/**
 * The Pipelines view: pipelines on the left; the selected pipeline's executions on a zoomable
 * timeline and in a table, with its settings; the selected execution's stage lanes and logs below.
 */
public final class PipelinesController implements FeatureView {
    private final PipelinesViewModel model;
    private final Navigator navigator;
    private boolean syncing;

    @FXML private TableView<PipelineSummary> pipelinesTable;
    @FXML private TableColumn<PipelineSummary, String> pipelineIdColumn;
    @FXML private TableColumn<PipelineSummary, Instant> pipelineLastRunColumn;
    @FXML private TableColumn<PipelineSummary, Long> pipelineRunsColumn;
    @FXML private TableColumn<PipelineSummary, Long> pipelineRecordsColumn;
    @FXML private TableColumn<PipelineSummary, Long> pipelineErrorsColumn;
    @FXML private Label pipelineTitle;
    @FXML private Label pipelineSummary;
    @FXML private GanttChart<ExecutionSummary> timeline;
    @FXML private ComboBox<Level> minLevelBox;
    @FXML private TextField retentionField;
    @FXML private Button saveSettingsButton;
    @FXML private Label settingsMessage;
    @FXML private TableView<ExecutionSummary> executionsTable;
    @FXML private TableColumn<ExecutionSummary, String> executionIdColumn;
    @FXML private TableColumn<ExecutionSummary, Instant> executionStartColumn;
    @FXML private TableColumn<ExecutionSummary, Duration> executionDurationColumn;
    @FXML private TableColumn<ExecutionSummary, Long> executionRecordsColumn;
    @FXML private TableColumn<ExecutionSummary, Long> executionErrorsColumn;
    @FXML private TableColumn<ExecutionSummary, ExecutionStatus> executionStatusColumn;
    @FXML private TableColumn<ExecutionSummary, String> executionLastErrorColumn;
    @FXML private Label executionTitle;
    @FXML private Label executionSummary;
    @FXML private Button moreLogsButton;
    @FXML private Button exploreButton;
    @FXML private GanttChart<StageLane> lanes;
    @FXML private javafx.scene.control.ScrollPane lanesScroll;
    @FXML private TableView<LogRecord> logsTable;
    @FXML private TableColumn<LogRecord, Instant> logTimeColumn;
    @FXML private TableColumn<LogRecord, Level> logLevelColumn;
    @FXML private TableColumn<LogRecord, String> logLoggerColumn;
    @FXML private TableColumn<LogRecord, String> logMessageColumn;
    @FXML private Label messageLabel;

    public PipelinesController(UiServices services, Navigator navigator) {
        this.model = new PipelinesViewModel(services.store(), services.pipelineSettings(), services.background());
        this.navigator = Objects.requireNonNull(navigator);
    }

    public PipelinesViewModel model() {
        return model;
    }

    @FXML
    private void initialize() {
        PipelineTables.pipelines(pipelineIdColumn, pipelineLastRunColumn, pipelineRunsColumn, pipelineRecordsColumn,
                pipelineErrorsColumn);
        pipelinesTable.setItems(model.pipelines());
        pipelinesTable.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (!syncing && now != null) {
                model.selectPipeline(now.pipelineId());
            }
        });
        model.pipelines().addListener((ListChangeListener<PipelineSummary>) c -> syncPipelineSelection());
        model.selectedPipelineProperty().addListener((o, was, now) -> {
            syncPipelineSelection();
            pipelineTitle.setText(now == null ? "Select a pipeline" : now);
        });

        bindExecutions();
        bindSettings();
        bindDetail();
        messageLabel.textProperty().bind(model.messageProperty());
    }

    private void bindExecutions() {
        PipelineTables.column(executionIdColumn, ExecutionSummary::executionId);
        PipelineTables.column(executionStartColumn, ExecutionSummary::start, Formats::shortDateTime);
        PipelineTables.column(executionDurationColumn, ExecutionSummary::duration, Formats::duration);
        PipelineTables.column(executionRecordsColumn, ExecutionSummary::records, Formats::count);
        PipelineTables.errorColumn(executionErrorsColumn, PipelinesController::errorsOf);
        PipelineTables.statusColumn(executionStatusColumn);
        PipelineTables.column(executionLastErrorColumn, ExecutionSummary::lastError);
        executionsTable.setItems(model.executions());
        executionsTable.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (!syncing && now != null) {
                model.selectExecution(now);
            }
        });
        timeline.setOnBarClicked(model::selectExecution);
        timeline.setPlaceholder("Pick a pipeline to see its runs over time.");
        timeline.setTooltipText(b -> b.value().executionId() + "\n" + Formats.dateTime(b.start()) + " · "
                + Formats.duration(b.value().duration()) + "\n" + Formats.count(b.value().records()) + " records, "
                + Formats.count(errorsOf(b.value())) + " errors");
        model.executions().addListener((ListChangeListener<ExecutionSummary>) c -> {
            List<ExecutionSummary> runs = model.executions();
            timeline.setPlaceholder(model.selectedPipelineProperty().get() == null
                    ? "Pick a pipeline to see its runs over time."
                    : "No runs: this pipeline's records carry no execution_id.");
            timeline.setBars(ExecutionBars.of(runs), List.of());
            long failed = runs.stream().filter(e -> e.status() == ExecutionStatus.FAILED).count();
            pipelineSummary.setText(runs.isEmpty() ? "" : Formats.count(runs.size()) + " runs, " + failed + " failed"
                    + (runs.size() >= PipelinesViewModel.EXECUTION_LIMIT ? " (latest shown)" : ""));
            syncExecutionSelection(model.selectedExecutionProperty().get());
        });
        model.selectedExecutionProperty().addListener((o, was, now) -> syncExecutionSelection(now));
    }

    /** A refresh replaces the executions; the one the user opened stays marked in both views of them. */
    private void syncExecutionSelection(ExecutionSummary now) {
        timeline.setSelected(now);
        syncing = true;
        try {
            if (now == null) {
                executionsTable.getSelectionModel().clearSelection();
            } else {
                executionsTable.getSelectionModel().select(now);
                executionsTable.scrollTo(now);
            }
        } finally {
            syncing = false;
        }
    }

    private void bindSettings() {
        minLevelBox.getItems().add(null);
        minLevelBox.getItems().addAll(Arrays.asList(Level.values()));
        minLevelBox.setConverter(SettingsEditor.LEVEL_NAMES);
        SettingsEditor editor = model.settings();
        minLevelBox.valueProperty().bindBidirectional(editor.minLevelProperty());
        retentionField.textProperty().bindBidirectional(editor.retentionDaysProperty());
        retentionField.setOnAction(e -> editor.save());
        settingsMessage.textProperty().bind(editor.messageProperty());
        editor.invalidProperty().addListener((o, was, now) -> settingsMessage.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("invalid"), now));
        minLevelBox.disableProperty().bind(model.selectedPipelineProperty().isNull());
        retentionField.disableProperty().bind(model.selectedPipelineProperty().isNull());
        saveSettingsButton.disableProperty().bind(model.selectedPipelineProperty().isNull());
    }

    private void bindDetail() {
        PipelineTables.column(logTimeColumn, LogRecord::timestamp, Formats::time);
        PipelineTables.levelColumn(logLevelColumn);
        PipelineTables.column(logLoggerColumn, LogRecord::logger);
        PipelineTables.column(logMessageColumn, LogRecord::message);
        logsTable.setItems(model.logs());
        lanes.setTooltipText(b -> b.label() + "\n" + Formats.count(b.value().records()) + " records, "
                + Formats.count(b.value().errors()) + " errors\n" + Formats.time(b.start()) + " – " + Formats.time(b.end()));
        // the lanes take the height they need, up to the scroll pane's maximum
        lanesScroll.visibleProperty().bind(model.detailProperty().isNotNull());
        lanesScroll.managedProperty().bind(lanesScroll.visibleProperty());
        lanesScroll.prefHeightProperty().bind(lanes.prefHeightProperty().add(4));
        lanesScroll.minHeightProperty().bind(javafx.beans.binding.Bindings.min(lanesScroll.getMaxHeight(),
                lanes.prefHeightProperty().add(4)));
        moreLogsButton.visibleProperty().bind(model.moreLogsProperty());
        moreLogsButton.managedProperty().bind(model.moreLogsProperty());
        exploreButton.disableProperty().bind(model.selectedExecutionProperty().isNull());
        model.detailProperty().addListener((o, was, d) -> showDetail(d));
        model.selectedExecutionProperty().addListener((o, was, e) -> {
            executionTitle.setText(e == null ? "Click an execution on the timeline" : e.executionId());
            executionSummary.setText(e == null ? "" : "loading…");
        });
    }

    private void showDetail(ExecutionDetail d) {
        if (d == null) {
            lanes.setBars(List.of(), List.of());
            return;
        }
        lanes.setBars(ExecutionBars.lanes(d.lanes()), d.lanes().stream().map(StageLane::name).toList());
        ExecutionSummary e = d.execution();
        executionSummary.setText(Formats.dateTime(e.start()) + " · " + Formats.duration(e.duration()) + " · "
                + Formats.count(d.total()) + " records · " + Formats.count(errorsOf(e)) + " errors · "
                + d.lanes().size() + " stages" + (d.lanesComplete() ? "" : " (from the first records)"));
    }

    private void syncPipelineSelection() {
        String id = model.selectedPipelineProperty().get();
        syncing = true;
        try {
            model.pipelines().stream().filter(p -> p.pipelineId().equals(id)).findFirst().ifPresentOrElse(p -> {
                pipelinesTable.getSelectionModel().select(p);
                pipelinesTable.scrollTo(p);
            }, () -> pipelinesTable.getSelectionModel().clearSelection());
        } finally {
            syncing = false;
        }
    }

    private static long errorsOf(ExecutionSummary e) {
        return e.countsByLevel().getOrDefault(Level.ERROR, 0L) + e.countsByLevel().getOrDefault(Level.CRITICAL, 0L);
    }

    /** Shows a pipeline and, when {@code executionId} is set, one of its executions. */
    public void open(String pipelineId, String executionId) {
        model.open(pipelineId, executionId);
    }

    @Override
    public void onShow() {
        model.refresh();
    }

    @FXML
    private void refresh() {
        model.refresh();
    }

    @FXML
    private void zoomIn() {
        timeline.zoom(0.5);
    }

    @FXML
    private void zoomOut() {
        timeline.zoom(2);
    }

    @FXML
    private void zoomReset() {
        timeline.resetZoom();
    }

    @FXML
    private void saveSettings() {
        model.settings().save();
    }

    @FXML
    private void loadMoreLogs() {
        model.loadMoreLogs();
    }

    @FXML
    private void openInExplore() {
        model.selectedExecutionQuery().ifPresent(navigator::showRecords);
    }
}
