package dev.pipelog.ui.pipelines;

import dev.pipelog.ingest.PipelineSettingsService;
import dev.pipelog.model.Cursor;
import dev.pipelog.model.ExecutionSummary;
import dev.pipelog.model.LogQuery;
import dev.pipelog.model.LogRecord;
import dev.pipelog.model.Page;
import dev.pipelog.model.PipelineSummary;
import dev.pipelog.store.LogStore;
import dev.pipelog.ui.common.UiTask;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State of the Pipelines view: the pipelines, the selected pipeline's executions and settings, the
 * selected execution's lanes and logs. Commands are methods; every store call runs on
 * {@code background} and lands in one update. Use on the FX thread.
 */
public final class PipelinesViewModel {
    static final int EXECUTION_LIMIT = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(PipelinesViewModel.class);

    private final LogStore store;
    private final SettingsEditor settings;
    private final Executor background;

    private final ObservableList<PipelineSummary> pipelines = FXCollections.observableArrayList();
    private final ObservableList<PipelineSummary> pipelinesView = FXCollections.unmodifiableObservableList(pipelines);
    private final ObservableList<ExecutionSummary> executions = FXCollections.observableArrayList();
    private final ObservableList<ExecutionSummary> executionsView = FXCollections.unmodifiableObservableList(executions);
    private final ObservableList<LogRecord> logs = FXCollections.observableArrayList();
    private final ObservableList<LogRecord> logsView = FXCollections.unmodifiableObservableList(logs);
    private final ReadOnlyStringWrapper selectedPipeline = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<ExecutionSummary> selectedExecution = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ExecutionDetail> detail = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper moreLogs = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    private Task<?> pipelinesTask;
    private Task<?> executionsTask;
    private Task<?> detailTask;
    private String pendingExecutionId;
    private Cursor nextLogs;

    public PipelinesViewModel(LogStore store, PipelineSettingsService settingsService, Executor background) {
        this.store = Objects.requireNonNull(store);
        this.settings = new SettingsEditor(settingsService, background);
        this.background = Objects.requireNonNull(background);
    }

    public ObservableList<PipelineSummary> pipelines() {
        return pipelinesView;
    }

    public ObservableList<ExecutionSummary> executions() {
        return executionsView;
    }

    public ObservableList<LogRecord> logs() {
        return logsView;
    }

    public ReadOnlyStringProperty selectedPipelineProperty() {
        return selectedPipeline.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ExecutionSummary> selectedExecutionProperty() {
        return selectedExecution.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ExecutionDetail> detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty moreLogsProperty() {
        return moreLogs.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** What went wrong last, in words; empty when all is well. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The selected pipeline's settings form. */
    public SettingsEditor settings() {
        return settings;
    }

    /** Reloads the pipeline list and, when one is selected, its executions. */
    public void refresh() {
        cancel(pipelinesTask);
        message.set("");
        loading.set(true);
        pipelinesTask = UiTask.supply(store::pipelines)
                .onSuccess(list -> {
                    pipelines.setAll(list);
                    if (selectedPipeline.get() != null) {
                        loadExecutions(selectedPipeline.get());
                    } else {
                        // a first look shows the most recently active pipeline rather than an empty timeline
                        list.stream().max(java.util.Comparator.comparing(PipelineSummary::lastSeen))
                                .ifPresent(p -> selectPipeline(p.pipelineId()));
                    }
                })
                .onError(e -> fail("Could not list pipelines", e))
                .onFinally(() -> loading.set(false))
                .start(background);
    }

    public void selectPipeline(String pipelineId) {
        if (Objects.equals(pipelineId, selectedPipeline.get())) {
            return;
        }
        selectedPipeline.set(pipelineId);
        clearExecution();
        executions.clear();
        settings.edit(pipelineId);
        if (pipelineId != null) {
            loadExecutions(pipelineId);
        }
    }

    /** Opens a pipeline and, once its executions are listed, one of them (null for none). */
    public void open(String pipelineId, String executionId) {
        pendingExecutionId = executionId;
        if (Objects.equals(pipelineId, selectedPipeline.get())) {
            loadExecutions(pipelineId);
        } else {
            selectPipeline(pipelineId);
        }
    }

    public void selectExecution(ExecutionSummary execution) {
        if (Objects.equals(execution, selectedExecution.get())) {
            return;
        }
        clearExecution();
        selectedExecution.set(execution);
        if (execution == null) {
            return;
        }
        detailTask = UiTask.supply(() -> ExecutionDetail.load(store, execution))
                .onSuccess(d -> {
                    detail.set(d);
                    logs.setAll(d.firstLogs());
                    nextLogs = d.next();
                    moreLogs.set(nextLogs != null);
                })
                .onError(e -> fail("Could not read execution " + execution.executionId(), e))
                .start(background);
    }

    /** Appends the next page of the selected execution's logs. */
    public void loadMoreLogs() {
        ExecutionSummary e = selectedExecution.get();
        if (e == null || nextLogs == null) {
            return;
        }
        LogQuery q = ExecutionDetail.query(e.pipelineId(), e.executionId(), ExecutionDetail.LOG_PAGE).after(nextLogs);
        moreLogs.set(false);
        detailTask = UiTask.supply(() -> store.find(q))
                .onSuccess((Page<LogRecord> page) -> {
                    logs.addAll(page.items());
                    nextLogs = page.hasMore() ? Cursor.decode(page.nextCursor()) : null;
                    moreLogs.set(nextLogs != null);
                })
                .onError(ex -> fail("Could not read more logs", ex))
                .start(background);
    }

    /** The selected execution as an Explore query, for "open in Explore". */
    public Optional<LogQuery> selectedExecutionQuery() {
        ExecutionSummary e = selectedExecution.get();
        return e == null ? Optional.empty()
                : Optional.of(ExecutionDetail.query(e.pipelineId(), e.executionId(), LogQuery.DEFAULT_LIMIT));
    }

    private void loadExecutions(String pipelineId) {
        cancel(executionsTask);
        loading.set(true);
        executionsTask = UiTask.supply(() -> store.executions(pipelineId, null, null, EXECUTION_LIMIT))
                .onSuccess((List<ExecutionSummary> list) -> {
                    if (!pipelineId.equals(selectedPipeline.get())) {
                        return;
                    }
                    executions.setAll(list);
                    String wanted = pendingExecutionId;
                    pendingExecutionId = null;
                    if (wanted != null) {
                        list.stream().filter(e -> wanted.equals(e.executionId())).findFirst()
                                .ifPresentOrElse(this::selectExecution,
                                        () -> message.set("Execution " + wanted + " not found in " + pipelineId));
                    }
                })
                .onError(e -> fail("Could not list the executions of " + pipelineId, e))
                .onFinally(() -> loading.set(false))
                .start(background);
    }

    private void clearExecution() {
        cancel(detailTask);
        selectedExecution.set(null);
        detail.set(null);
        logs.clear();
        nextLogs = null;
        moreLogs.set(false);
    }

    private void fail(String what, Throwable e) {
        LOG.warn("{}", what, e);
        message.set(what + ": " + e.getMessage());
    }

    private static void cancel(Task<?> task) {
        if (task != null) {
            task.cancel();
        }
    }
}
