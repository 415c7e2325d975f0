package dev.pipelog.ui.correlation;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.ObservableList;
import javafx.scene.control.TreeItem;

/**
 * A tree item whose children are created the first time the tree asks for them (on expand), and
 * then {@value #PAGE} at a time: a span with 50,000 child spans would otherwise stall the FX thread
 * for a tenth of a second creating items nobody scrolls to. The rest wait behind a "more" row.
 */
final class LazyTraceItem extends TreeItem<TraceRow> {
    static final int PAGE = 500;
    private boolean childrenCreated;
    private int created;

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
            super.getChildren().setAll(nextPage());
        }
        return super.getChildren();
    }

    /** Replaces the "more" row at the end with the next page of children. */
    void showMore() {
        ObservableList<TreeItem<TraceRow>> children = getChildren();
        if (!children.isEmpty() && children.get(children.size() - 1).getValue().kind() == TraceRow.Kind.MORE) {
            List<TreeItem<TraceRow>> page = nextPage();
            children.set(children.size() - 1, page.get(0));
            children.addAll(page.subList(1, page.size()));
        }
    }

    /** Whether the children exist yet; tests use it to see that nothing was built ahead of need. */
    boolean childrenCreated() {
        return childrenCreated;
    }

    private List<TreeItem<TraceRow>> nextPage() {
        List<TraceRow> all = getValue().children();
        int end = Math.min(all.size(), created + PAGE);
        List<TreeItem<TraceRow>> page = new ArrayList<>(end - created + 1);
        for (TraceRow row : all.subList(created, end)) {
            page.add(new LazyTraceItem(row));
        }
        created = end;
        if (created < all.size()) {
            page.add(new TreeItem<>(TraceRow.more(getValue(), all.size() - created)));
        }
        return page;
    }
}
