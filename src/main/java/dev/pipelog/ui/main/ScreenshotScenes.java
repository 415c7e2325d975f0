package dev.pipelog.ui.main;

import dev.pipelog.model.Correlation;
import dev.pipelog.model.ExecutionStatus;
import dev.pipelog.model.ExecutionSummary;
import dev.pipelog.model.Level;
import dev.pipelog.model.LogQuery;
import dev.pipelog.model.LogRecord;
import dev.pipelog.model.PipelineSummary;
import dev.pipelog.store.LogStore;
import dev.pipelog.ui.common.Views;
import dev.pipelog.ui.correlation.TraceRow;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;

/**
 * What each screenshot shows: a view with something in it, as a user would have it after a click
 * or two: a failed run of the pipeline with the most errors, the correlation tree of a failed run
 * of it (one with spans when there is one), a search for "failed" in Explore with an error
 * selected. The lookups run on the caller's (non-FX) thread.
 */
final class ScreenshotScenes {
    private static final String EXPLORE_QUERY = "failed";
    /** Rows the table shows above its end in a screenshot. */
    private static final int VISIBLE_AT_END = 10;
    private final Optional<ExecutionSummary> failedRun;
    private final Optional<String> correlationId;

    ScreenshotScenes(LogStore store) {
        List<ExecutionSummary> failedRuns = store.pipelines().stream()
                .filter(p -> p.errors() > 0)
                .max(Comparator.comparingLong(PipelineSummary::errors))
                .map(p -> store.executions(p.pipelineId(), null, null, 50).stream()
                        .filter(e -> e.status() == ExecutionStatus.FAILED).toList())
                .orElse(List.of());
        failedRun = failedRuns.stream().findFirst();
        // The picture of a span tree says more than the grouping a correlation without spans gets;
        // the runs are read one at a time, only until one has spans.
        Optional<String> withSpans = failedRuns.stream().map(run -> correlationOf(store, run))
                .flatMap(Optional::stream)
                .filter(id -> store.correlation(id).grouping() == Correlation.Grouping.SPANS)
                .findFirst();
        correlationId = withSpans.or(() -> failedRun.flatMap(run -> correlationOf(store, run)));
    }

    private static Optional<String> correlationOf(LogStore store, ExecutionSummary run) {
        return store.find(LogQuery.builder().executionId(run.executionId()).limit(1).build()).items().stream()
                .map(LogRecord::correlationId).filter(id -> id != null).findFirst();
    }

    /** The action that opens {@code view} for its picture; run it on the FX thread. */
    Runnable show(Views view, MainWindowController window) {
        if (view == Views.PIPELINES && failedRun.isPresent()) {
            return () -> window.showPipeline(failedRun.get().pipelineId(), failedRun.get().executionId());
        }
        if (view == Views.CORRELATION && correlationId.isPresent()) {
            return () -> window.showCorrelation(correlationId.get());
        }
        if (view == Views.EXPLORE) {
            // A search a user makes after a failure: its matches are highlighted, failed runs among them.
            return () -> {
                window.select(view);
                ((TextField) window.root().lookup("#queryField")).setText(EXPLORE_QUERY);
                ((Button) window.root().lookup("#searchButton")).fire();
            };
        }
        return () -> window.select(view);
    }

    /**
     * Final touches once the view has loaded (FX thread): in Explore, an error record opened; in
     * Correlation, the tree one level deeper.
     */
    @SuppressWarnings("unchecked")
    void afterLoad(Views view, MainWindowController window) {
        if (view == Views.CORRELATION) {
            // Two levels open (the view opens one): each logger's bar starts where its work did.
            TreeTableView<TraceRow> tree = (TreeTableView<TraceRow>) window.root().lookup("#treeTable");
            if (tree != null && tree.getRoot() != null) {
                tree.getRoot().getChildren().forEach(root -> root.getChildren().forEach(child -> child.setExpanded(true)));
                // The first failing node below the top, with its records shown under the tree.
                for (int row = 1; row < tree.getExpandedItemCount(); row++) {
                    TreeItem<TraceRow> item = tree.getTreeItem(row);
                    if (item.getValue().ownErrors() > 0) {
                        tree.getSelectionModel().select(row);
                        break;
                    }
                }
            }
            return;
        }
        if (view != Views.EXPLORE) {
            return;
        }
        TableView<LogRecord> table = (TableView<LogRecord>) window.root().lookup("#table");
        List<LogRecord> rows = table.getItems();
        int last = rows.size() - 1;
        // Only among the rows in view: the table follows the end, and scrolling it is its scroller's job.
        for (int i = last; i >= Math.max(0, last - VISIBLE_AT_END); i--) {
            LogRecord r = rows.get(i);
            if (r != null && r.level().atLeast(Level.ERROR)) {
                table.getSelectionModel().select(i);
                return;
            }
        }
        if (last >= 0) {
            table.getSelectionModel().select(last);
        }
    }
}
