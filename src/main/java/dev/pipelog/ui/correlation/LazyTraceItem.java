package dev.pipelog.ui.correlation;

import javafx.collections.ObservableList;
import javafx.scene.control.TreeItem;

/**
 * A tree item whose children are created the first time the tree asks for them (on expand), so a
 * correlation with tens of thousands of nodes costs only the items a user opens.
 */
final class LazyTraceItem extends TreeItem<TraceRow> {
    private boolean childrenCreated;

    LazyTraceItem(TraceRow row) {
        super(row);
    }

    @Override
    public boolean isLeaf() {
        return getValue().children().isEmpty();
    }

    @Override
    public ObservableList<TreeItem<TraceRow>> getChildren() {
        if (!childrenCreated) {
            childrenCreated = true;
            super.getChildren().setAll(getValue().children().stream().map(LazyTraceItem::new).toList());
        }
        return super.getChildren();
    }

    /** Whether the children exist yet; tests use it to see that nothing was built ahead of need. */
    boolean childrenCreated() {
        return childrenCreated;
    }
}
