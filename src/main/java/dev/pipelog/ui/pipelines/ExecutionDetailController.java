package dev.pipelog.ui.pipelines;

import dev.pipelog.model.ExecutionSummary;
import dev.pipelog.model.Level;
import dev.pipelog.model.LogRecord;
import dev.pipelog.ui.common.Navigator;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * The lower part of the Pipelines view, included from ExecutionDetail.fxml: the selected
 * execution's stage lanes and its logs. The Pipelines controller hands it the shared view model.
 */
public final class ExecutionDetailController {
    private PipelinesViewModel model;
    private Navigator navigator;

    @FXML private Label executionTitle;
    @FXML private Label executionSummary;
    @FXML private Button moreLogsButton;
    @FXML private Button exploreButton;
    @FXML private ScrollPane lanesScroll;
    @FXML private GanttChart<StageLane> lanes;
    @FXML private TableView<LogRecord> logsTable;
    @FXML private TableColumn<LogRecord, Instant> logTimeColumn;
    @FXML private TableColumn<LogRecord, Level> logLevelColumn;
    @FXML private TableColumn<LogRecord, String> logLoggerColumn;
    @FXML private TableColumn<LogRecord, String> logMessageColumn;

    @FXML
    private void initialize() {
        PipelineTables.column(logTimeColumn, LogRecord::timestamp, Formats::time);
        PipelineTables.levelColumn(logLevelColumn);
        PipelineTables.column(logLoggerColumn, LogRecord::logger);
        PipelineTables.column(logMessageColumn, LogRecord::message);
        lanes.setTooltipText(b -> b.label() + "\n" + Formats.count(b.value().records()) + " records, "
                + Formats.count(b.value().errors()) + " errors\n" + Formats.time(b.start()) + " – " + Formats.time(b.end()));
        // the lanes take the height they need, up to the scroll pane's maximum
        lanesScroll.managedProperty().bind(lanesScroll.visibleProperty());
        lanesScroll.prefHeightProperty().bind(lanes.prefHeightProperty().add(4));
        lanesScroll.minHeightProperty().bind(Bindings.min(lanesScroll.getMaxHeight(), lanes.prefHeightProperty().add(4)));
        moreLogsButton.managedProperty().bind(moreLogsButton.visibleProperty());
    }

    /** Shows what {@code viewModel} selects; called once by the Pipelines controller. */
    void bind(PipelinesViewModel viewModel, Navigator nav) {
        this.model = Objects.requireNonNull(viewModel);
        this.navigator = Objects.requireNonNull(nav);
        logsTable.setItems(model.logs());
        lanesScroll.visibleProperty().bind(model.detailProperty().isNotNull());
        moreLogsButton.visibleProperty().bind(model.moreLogsProperty());
        exploreButton.disableProperty().bind(model.selectedExecutionProperty().isNull());
        model.detailProperty().addListener((o, was, d) -> show(d));
        model.selectedExecutionProperty().addListener((o, was, e) -> {
            executionTitle.setText(e == null ? "Click an execution on the timeline" : e.executionId());
            executionSummary.setText(e == null ? "" : "loading…");
        });
    }

    private void show(ExecutionDetail d) {
        if (d == null) {
            lanes.setBars(List.of(), List.of());
            return;
        }
        lanes.setBars(ExecutionBars.lanes(d.lanes()), d.lanes().stream().map(StageLane::name).toList());
        ExecutionSummary e = d.execution();
        executionSummary.setText(Formats.dateTime(e.start()) + " · " + Formats.duration(e.duration()) + " · "
                + Formats.count(d.total()) + " records · " + Formats.count(ExecutionBars.errorsOf(e)) + " errors · "
                + d.lanes().size() + " stages" + (d.lanesComplete() ? "" : " (from the first records)"));
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
