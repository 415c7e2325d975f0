package dev.pipelog.ui.main;

import dev.pipelog.model.ExecutionStatus;
import dev.pipelog.model.ExecutionSummary;
import dev.pipelog.model.Level;
import dev.pipelog.model.LogQuery;
import dev.pipelog.model.LogRecord;
import dev.pipelog.model.PipelineSummary;
import dev.pipelog.store.LogStore;
import dev.pipelog.ui.common.Views;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.TableView;

/**
 * What each screenshot shows: a view with something in it, as a user would have it after a click
 * or two: a failed run of the pipeline with the most errors, that run's correlation tree, an error
 * selected in Explore. The lookups run on the caller's (non-FX) thread.
 */
final class ScreenshotScenes {
    /** How far up from the newest row to look for an error: the rows the first page loaded. */
    private static final int KEEP_LOOKING = 199;
    private final Optional<ExecutionSummary> failedRun;
    private final Optional<String> correlationId;

    ScreenshotScenes(LogStore store) {
        failedRun = store.pipelines().stream()
                .filter(p -> p.errors() > 0)
                .max(Comparator.comparingLong(PipelineSummary::errors))
                .flatMap(p -> store.executions(p.pipelineId(), null, null, 50).stream()
                        .filter(e -> e.status() == ExecutionStatus.FAILED)
                        .findFirst());
        correlationId = failedRun.flatMap(run -> store.find(LogQuery.builder()
                        .executionId(run.executionId()).limit(1).build()).items().stream()
                .map(LogRecord::correlationId).filter(id -> id != null).findFirst());
    }

    /** The action that opens {@code view} for its picture; run it on the FX thread. */
    Runnable show(Views view, MainWindowController window) {
        if (view == Views.PIPELINES && failedRun.isPresent()) {
            return () -> window.showPipeline(failedRun.get().pipelineId(), failedRun.get().executionId());
        }
        if (view == Views.CORRELATION && correlationId.isPresent()) {
            return () -> window.showCorrelation(correlationId.get());
        }
        return () -> window.select(view);
    }

    /** Final touches once the view has loaded (FX thread): in Explore, an error record opened. */
    @SuppressWarnings("unchecked")
    void afterLoad(Views view, MainWindowController window) {
        if (view != Views.EXPLORE) {
            return;
        }
        TableView<LogRecord> table = (TableView<LogRecord>) window.root().lookup("#table");
        List<LogRecord> rows = table.getItems();
        int last = rows.size() - 1;
        for (int i = last; i >= Math.max(0, last - KEEP_LOOKING); i--) {
            LogRecord r = rows.get(i);
            if (r != null && r.level().atLeast(Level.ERROR)) {
                table.getSelectionModel().select(i);
                table.scrollTo(Math.max(0, i - 6)); // the selected row in view, a few rows below the top
                return;
            }
        }
        if (last >= 0) {
            table.getSelectionModel().select(last);
        }
    }
}
