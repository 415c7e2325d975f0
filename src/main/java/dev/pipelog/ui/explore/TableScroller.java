package dev.pipelog.ui.explore;

import dev.pipelog.model.LogRecord;
import dev.pipelog.ui.common.StyleClasses;
import javafx.application.Platform;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.TableViewSkin;
import javafx.scene.control.skin.VirtualFlow;

/**
 * Lets the user scroll through every match while the table holds only a {@link RowWindow}: the
 * table's own vertical scroll bar is hidden and a separate one spans all the matches. Scrolling
 * inside the table (wheel, keys) moves within the window and the window is re-centred, invisibly,
 * when the viewport comes near its edge; dragging the separate bar moves the window wherever it
 * points. Rows are addressed by their index among all the matches. FX thread only.
 */
final class TableScroller {
    /** How close to the window's edge the viewport may come before the window is re-centred. */
    private static final int MARGIN = RowWindow.CAPACITY / 4;
    /** Smallest thumb, as a share of the bar's track, so it can be seen and grabbed. */
    private static final double MIN_THUMB = 0.04;

    private final TableView<LogRecord> table;
    private final ScrollBar bar;
    private final WindowFlow flow;
    private final RowWindow window = new RowWindow();
    private boolean syncingBar;
    private boolean recentreQueued;
    private boolean moving;

    TableScroller(TableView<LogRecord> table, ScrollBar bar) {
        this.table = table;
        this.bar = bar;
        WindowSkin skin = new WindowSkin(table);
        table.setSkin(skin);
        this.flow = skin.flow();
        flow.afterLayout = this::afterLayout;
        table.setItems(window);
        bar.setMin(0);
        bar.setMax(0);
        bar.managedProperty().bind(bar.visibleProperty()); // no bar, no gap: the table takes the width
        bar.setUnitIncrement(1);
        bar.valueProperty().addListener((obs, was, now) -> {
            if (!syncingBar) {
                scrollTo((int) Math.round(now.doubleValue()));
            }
        });
    }

    /** Shows a new search's matches, at the end. */
    void show(PagedRecordList matches) {
        table.getSelectionModel().clearSelection();
        window.show(matches, matches.size());
        scrollToEnd();
    }

    /** The match at the top of the viewport, or -1 when nothing is shown. */
    private int firstVisibleRow() {
        IndexedCell<?> cell = flow.getFirstVisibleCell();
        return cell == null ? -1 : window.base() + cell.getIndex();
    }

    /** The match at the bottom of the viewport, or -1 when nothing is shown. */
    private int lastVisibleRow() {
        IndexedCell<?> cell = flow.getLastVisibleCell();
        return cell == null ? -1 : window.base() + cell.getIndex();
    }

    /** True while the window moves: selection changes then are not the user's. */
    boolean isMoving() {
        return moving;
    }

    /** Puts match {@code row} at the top of the viewport (or as near as the end allows). */
    void scrollTo(int row) {
        if (window.isEmpty()) {
            return;
        }
        whileMoving(() -> {
            if (row < window.base() || row + visibleRows() > window.base() + window.size()) {
                moveWindow(row - RowWindow.CAPACITY / 2);
            }
            flow.scrollToTop(Math.max(0, Math.min(row - window.base(), window.size() - 1)));
        });
    }

    void scrollToStart() {
        if (window.isEmpty()) {
            return;
        }
        whileMoving(() -> {
            moveWindow(0);
            flow.scrollToTop(0);
        });
    }

    void scrollToEnd() {
        if (window.isEmpty()) {
            return;
        }
        whileMoving(() -> {
            moveWindow(window.matches().size());
            // At the end before the layout below, so it asks for the last rows only.
            flow.setPosition(1.0);
            // Lay out first: scrolling against the viewport of the previous items (or of a view not
            // shown yet) leaves the last rows below the fold or is undone by the pending layout.
            table.layout();
            flow.scrollTo(window.size() - 1);
            // scrollTo puts the row at the top where it can; at the end that can leave it a row short.
            flow.setPosition(1.0);
        });
    }

    /** True unless the user scrolled away from the last {@code oldCount} matches' end. */
    boolean isAtEnd(int oldCount) {
        int last = lastVisibleRow();
        return last < 0 || last >= oldCount - 2;
    }

    /** Live tail grew the matches: the bar must span them all even when the window stays put. */
    void matchesGrew() {
        syncBar();
    }

    /** Runs a move of the window and viewport; layouts meanwhile are intermediate states. */
    private void whileMoving(Runnable move) {
        moving = true;
        try {
            move.run();
        } finally {
            moving = false;
            // The next layout tells the bar where the move ended, even when the flow's position
            // did not change in the end (jumping to the end twice).
            flow.requestLayout();
        }
    }

    private void moveWindow(int first) {
        int selected = table.getSelectionModel().getSelectedIndex();
        int selectedRow = selected < 0 ? -1 : window.base() + selected;
        if (!window.moveTo(first)) {
            return;
        }
        // Selection is by table row: keep it on the same match, or let it go when out of the window.
        if (selectedRow >= 0) {
            int local = selectedRow - window.base();
            if (local >= 0 && local < window.size()) {
                table.getSelectionModel().clearAndSelect(local);
            } else {
                table.getSelectionModel().clearSelection();
            }
        }
        // No layout here: it would show the old viewport's rows of the new window, and every row
        // not loaded there starts a read (a seek, far from anything loaded) nobody wants.
    }

    private void afterLayout() {
        if (moving) {
            return;
        }
        syncBar();
        if (flow.getFirstVisibleCell() == null) {
            return;
        }
        int first = flow.getFirstVisibleCell().getIndex();
        int last = flow.getLastVisibleCell().getIndex();
        boolean nearStart = first < MARGIN && window.base() > 0;
        boolean nearEnd = last >= window.size() - MARGIN && window.base() + window.size() < window.matches().size();
        if ((nearStart || nearEnd) && !recentreQueued) {
            // Not inside layout: moving the window changes the items the flow is laying out.
            recentreQueued = true;
            Platform.runLater(this::recentre);
        }
    }

    /** Moves the window so the viewport is in its middle, the same match at the same pixel. */
    private void recentre() {
        recentreQueued = false;
        IndexedCell<?> top = flow.getFirstVisibleCell();
        if (top == null) {
            return;
        }
        int row = window.base() + top.getIndex();
        double hidden = -top.getLayoutY(); // how much of the top row is scrolled out of view
        whileMoving(() -> {
            moveWindow(row - RowWindow.CAPACITY / 2);
            flow.scrollToTop(row - window.base());
            flow.scrollPixels(hidden);
        });
    }

    private void syncBar() {
        int visible = visibleRows();
        int count = window.matches().size();
        syncingBar = true;
        try {
            bar.setMax(Math.max(0, count - visible));
            bar.setVisible(count > visible);
            // The thumb's length is visibleAmount / (max - min) of the track; the theme's minimum is
            // a pixel or so, lost over millions of rows: keep it at least MIN_THUMB of the track.
            bar.setVisibleAmount(Math.max(Math.max(1, Math.min(visible, count)), MIN_THUMB * bar.getMax()));
            bar.setBlockIncrement(Math.max(1, visible - 1));
            // At the end the top row is cut off; the bar still says "at the end".
            int first = lastVisibleRow() == count - 1 ? count : firstVisibleRow();
            bar.setValue(Math.max(0, Math.min(bar.getMax(), first)));
        } finally {
            syncingBar = false;
        }
    }

    private int visibleRows() {
        return Math.max(1, (int) (flow.getHeight() / RecordTable.ROW_HEIGHT));
    }

    /** The table's skin with a flow that reports its layouts and hides its own vertical bar. */
    private static final class WindowSkin extends TableViewSkin<LogRecord> {
        WindowSkin(TableView<LogRecord> table) {
            super(table);
        }

        WindowFlow flow() {
            return (WindowFlow) getVirtualFlow();
        }

        @Override
        protected VirtualFlow<TableRow<LogRecord>> createVirtualFlow() {
            return new WindowFlow();
        }
    }

    private static final class WindowFlow extends VirtualFlow<TableRow<LogRecord>> {
        private Runnable afterLayout = () -> { };

        WindowFlow() {
            // The window's own bar would only span the window; TableScroller's bar spans every match.
            getVbar().getStyleClass().add(StyleClasses.HIDDEN_SCROLL_BAR);
            getVbar().setMouseTransparent(true);
        }

        @Override
        protected void layoutChildren() {
            super.layoutChildren();
            afterLayout.run();
        }
    }
}
