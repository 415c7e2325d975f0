package dev.pipelog.ui.pipelines;

import dev.pipelog.model.ExecutionStatus;
import dev.pipelog.model.ExecutionSummary;
import dev.pipelog.model.Level;
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
 * timeline and in a table, with its settings; the selected execution's stage lanes and logs below
 * ({@link ExecutionDetailController}).
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
    @FXML private Label executionsPlaceholder;
    @FXML private TableColumn<ExecutionSummary, String> executionIdColumn;
    @FXML private TableColumn<ExecutionSummary, Instant> executionStartColumn;
    @FXML private TableColumn<ExecutionSummary, Duration> executionDurationColumn;
    @FXML private TableColumn<ExecutionSummary, Long> executionRecordsColumn;
    @FXML private TableColumn<ExecutionSummary, Long> executionErrorsColumn;
    @FXML private TableColumn<ExecutionSummary, ExecutionStatus> executionStatusColumn;
    @FXML private TableColumn<ExecutionSummary, String> executionLastErrorColumn;
    @FXML private Label messageLabel;
    @FXML private ExecutionDetailController executionDetailController;

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
            updatePlaceholder();
        });

        bindExecutions();
        bindSettings();
        executionDetailController.bind(model, navigator);
        messageLabel.textProperty().bind(model.messageProperty());
    }

    private void bindExecutions() {
        PipelineTables.column(executionIdColumn, ExecutionSummary::executionId);
        PipelineTables.column(executionStartColumn, ExecutionSummary::start, Formats::shortDateTime);
        PipelineTables.column(executionDurationColumn, ExecutionSummary::duration, Formats::duration);
        PipelineTables.column(executionRecordsColumn, ExecutionSummary::records, Formats::count);
        PipelineTables.errorColumn(executionErrorsColumn, ExecutionBars::errorsOf);
        PipelineTables.statusColumn(executionStatusColumn);
        PipelineTables.column(executionLastErrorColumn, ExecutionSummary::lastError);
        executionsTable.setItems(model.executions());
        executionsTable.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (!syncing && now != null) {
                model.selectExecution(now);
            }
        });
        timeline.setOnBarClicked(model::selectExecution);
        updatePlaceholder();
        model.loadingProperty().addListener((o, was, now) -> updatePlaceholder());
        timeline.setTooltipText(b -> b.value().executionId() + "\n" + Formats.dateTime(b.start()) + " · "
                + Formats.duration(b.value().duration()) + "\n" + Formats.count(b.value().records()) + " records, "
                + Formats.count(ExecutionBars.errorsOf(b.value())) + " errors");
        model.executions().addListener((ListChangeListener<ExecutionSummary>) c -> {
            List<ExecutionSummary> runs = model.executions();
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

    /**
     * What the empty timeline and the empty runs table say, the same words in both: pick a pipeline,
     * wait, or why there is nothing to draw.
     */
    private void updatePlaceholder() {
        String text;
        if (model.selectedPipelineProperty().get() == null) {
            text = "Pick a pipeline to see its runs.";
        } else {
            text = model.loadingProperty().get() ? "Loading runs…"
                    : "No runs: this pipeline's records carry no execution_id.";
        }
        timeline.setPlaceholder(text);
        executionsPlaceholder.setText(text);
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
}
