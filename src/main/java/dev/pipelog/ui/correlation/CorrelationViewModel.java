package dev.pipelog.ui.correlation;

import dev.pipelog.model.LogRecord;
import dev.pipelog.store.LogStore;
import dev.pipelog.ui.common.UiTask;
import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.scene.control.TreeItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State of the Correlation view: the id typed or followed, the loaded tree (its items created
 * lazily) and the records of the selected row. Loading and filtering run on {@code background};
 * results land in one update. Use on the FX thread.
 */
public final class CorrelationViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(CorrelationViewModel.class);

    private final LogStore store;
    private final Executor background;
    private final StringProperty correlationId = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<CorrelationTree> tree = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<TreeItem<TraceRow>> root = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<TraceRow> selected = new ReadOnlyObjectWrapper<>();
    private final ObservableList<LogRecord> records = FXCollections.observableArrayList();
    private final ObservableList<LogRecord> recordsView = FXCollections.unmodifiableObservableList(records);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    static final String ASK_FOR_ID = "Enter a correlation id above, or follow “show correlation” from a record.";
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(ASK_FOR_ID);
    private final ReadOnlyBooleanWrapper found = new ReadOnlyBooleanWrapper();
    private Task<?> loadTask;
    private Task<?> recordsTask;

    public CorrelationViewModel(LogStore store, Executor background) {
        this.store = Objects.requireNonNull(store);
        this.background = Objects.requireNonNull(background);
    }

    /** The id in the search box. */
    public StringProperty correlationIdProperty() {
        return correlationId;
    }

    public ReadOnlyObjectProperty<CorrelationTree> treeProperty() {
        return tree.getReadOnlyProperty();
    }

    /** Hidden root of the tree table; its children are the top-level nodes and the orphans group. */
    public ReadOnlyObjectProperty<TreeItem<TraceRow>> rootProperty() {
        return root.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TraceRow> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** Records of the selected row, in time order. */
    public ObservableList<LogRecord> records() {
        return recordsView;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** True while a correlation with records is shown: there is something to open elsewhere. */
    public ReadOnlyBooleanProperty foundProperty() {
        return found.getReadOnlyProperty();
    }

    /** One line on what is shown or what went wrong; also what the empty tree says. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Follows a link: shows this id in the box and loads it. */
    public void open(String id) {
        correlationId.set(id == null ? "" : id);
        load();
    }

    /** Loads the id in the box. */
    public void load() {
        String id = correlationId.get() == null ? "" : correlationId.get().strip();
        cancel(loadTask);
        cancel(recordsTask);
        if (id.isEmpty()) {
            clear();
            status.set(ASK_FOR_ID);
            return;
        }
        clear();
        loading.set(true);
        status.set("Loading " + id + "…");
        loadTask = UiTask.supply(() -> CorrelationTree.of(store.correlation(id)))
                .onSuccess(this::show)
                .onError(e -> {
                    LOG.warn("Loading correlation {} failed", id, e);
                    clear();
                    status.set("Could not load " + id + ": " + e.getMessage());
                })
                .onFinally(() -> loading.set(false))
                .start(background);
    }

    /** Nothing shown: no tree, no selection, nothing to open in Explore. */
    private void clear() {
        selected.set(null);
        records.clear();
        tree.set(null);
        root.set(null);
        found.set(false);
    }

    private void show(CorrelationTree t) {
        selected.set(null);
        records.clear();
        tree.set(t);
        TreeItem<TraceRow> top = new TreeItem<>();
        top.setExpanded(true);
        t.roots().forEach(r -> top.getChildren().add(new LazyTraceItem(r)));
        if (!top.getChildren().isEmpty()) {
            top.getChildren().get(0).setExpanded(true); // the first root opens a level, its children stay closed
        }
        root.set(top);
        var c = t.correlation();
        if (c.isEmpty()) {
            status.set("No records with correlation id " + c.correlationId() + ".");
            found.set(false);
            return;
        }
        found.set(true);
        String grouping = c.grouping() == dev.pipelog.model.Correlation.Grouping.SPANS
                ? "span tree" : "grouped by pipeline → execution → logger (no spans)";
        status.set(String.format(java.util.Locale.ROOT, "%,d records, %,d errors, %s%s", c.records().size(),
                t.errors(), grouping, c.orphans().isEmpty() ? "" : ", " + c.orphans().size() + (c.orphans().size() == 1 ? " orphan span" : " orphan spans")));
    }

    /** Shows the records the row stands for (filtered in the background). */
    public void select(TraceRow row) {
        selected.set(row);
        cancel(recordsTask);
        CorrelationTree t = tree.get();
        if (row == null || t == null || row.kind() == TraceRow.Kind.MORE) {
            records.clear();
            return;
        }
        recordsTask = UiTask.supply(() -> t.recordsOf(row))
                .onSuccess(records::setAll)
                .onError(e -> {
                    LOG.warn("Filtering records of {} failed", row.label(), e);
                    status.set("Could not show the records of " + row.label() + ": " + e.getMessage());
                })
                .start(background);
    }

    private static void cancel(Task<?> task) {
        if (task != null) {
            task.cancel();
        }
    }
}
