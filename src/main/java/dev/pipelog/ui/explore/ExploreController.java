package dev.pipelog.ui.explore;

import dev.pipelog.model.Level;
import dev.pipelog.model.LogQuery;
import dev.pipelog.model.LogRecord;
import dev.pipelog.store.LogStore;
import dev.pipelog.store.QueryTimeoutException;
import dev.pipelog.ui.common.FeatureView;
import dev.pipelog.ui.common.Formats;
import dev.pipelog.ui.common.Navigator;
import dev.pipelog.ui.common.UiServices;
import dev.pipelog.ui.common.UiTask;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javafx.animation.PauseTransition;
import javafx.beans.property.BooleanProperty;
import javafx.css.PseudoClass;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;
import org.controlsfx.control.CheckComboBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Explore: search every record, see the volume by level over time, scroll the matches however many
 * there are, and read one in full. Every store call runs in the background; a new search cancels
 * the one before and its rows arrive in one update. FX thread only.
 */
public final class ExploreController implements FeatureView {
    private static final Logger LOG = LoggerFactory.getLogger(ExploreController.class);
    private static final Duration RESYNC_FIRST = Duration.millis(300);
    private static final Duration RESYNC_MAX = Duration.seconds(5);
    /** The count of the search before, while the next one runs. */
    private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");

    private final UiServices services;
    private final LogStore store;
    private final RecordDetailPane details;
    private final LiveTail liveTail;
    private FilterControls filters;
    private TableScroller scroller;
    private ActiveSearch active;
    private MatchHighlighter highlighter = MatchHighlighter.NONE;
    private Task<?> countTask;
    private Task<?> pageTask;
    private HistogramRefresher histogramRefresher;
    /** Reads the search again when its histogram and its count disagree (the store changed between them). */
    private final PauseTransition resync = new PauseTransition();
    private Duration resyncDelay = RESYNC_FIRST;

    @FXML private BorderPane root;
    @FXML private TextField queryField;
    @FXML private ToggleButton regexToggle;
    @FXML private CheckComboBox<Level> levelPicker;
    @FXML private TextField pipelineField;
    @FXML private TextField executionField;
    @FXML private TextField loggerField;
    @FXML private Button searchButton;
    @FXML private HBox presetBox;
    @FXML private TextField fromField;
    @FXML private TextField toField;
    @FXML private Label statusLabel;
    @FXML private Label countLabel;
    @FXML private LevelHistogram histogram;
    @FXML private TableView<LogRecord> table;
    @FXML private ScrollBar rowScroll;
    @FXML private StackPane detailHolder;
    @FXML private FlowPane filterChips;
    @FXML private Label rangeError;

    public ExploreController(UiServices services, Navigator navigator) {
        this.services = services;
        this.store = services.store();
        this.details = new RecordDetailPane(navigator);
        this.liveTail = new LiveTail(store, services.background(), () -> active, this::arrived);
    }

    @FXML
    private void initialize() {
        filters = new FilterControls(new FilterControls.Controls(queryField, regexToggle, levelPicker, pipelineField,
                executionField, loggerField, presetBox, fromField, toField, filterChips, rangeError), services,
                this::search);
        RecordTable.configure(table, () -> highlighter);
        scroller = new TableScroller(table, rowScroll);
        table.getSelectionModel().selectedItemProperty().addListener((obs, was, r) -> {
            if (!scroller.isMoving()) {
                details.show(r);
            }
        });
        detailHolder.getChildren().add(details);
        histogram.setOnRangeSelected(this::zoomTo);
        histogramRefresher = new HistogramRefresher(store, services.background(), histogram, this::histogramRead);
        resync.setOnFinished(e -> search());
    }

    @Override
    public void onShow() {
        if (active == null) {
            search();
        }
        liveTail.setVisible(true);
    }

    @Override
    public void onHide() {
        liveTail.setVisible(false);
    }

    public BooleanProperty liveTailProperty() {
        return liveTail.enabledProperty();
    }

    public void focusSearch() {
        filters.focusQuery();
    }

    /** Shows the records another view links to (Navigator.showRecords). */
    public void open(LogQuery query) {
        filters.show(query);
        search();
    }

    /** Runs the search the controls describe, replacing the one shown. */
    @FXML
    public void search() {
        if (filters == null || filters.isSettingControls()) {
            return; // still initializing, or filling several controls: one search follows
        }
        Optional<SearchFilters> read = filters.read();
        if (read.isEmpty()) {
            return;
        }
        cancelSearch();
        resync.stop();
        Instant now = Instant.now();
        SearchFilters f = read.get();
        filters.applied(f);
        countLabel.pseudoClassStateChanged(STALE, true);
        histogramRefresher.searching(f);
        LogQuery query = f.toQuery(now);
        KeysetSeeker seeker = new KeysetSeeker(store, query);
        highlighter = MatchHighlighter.of(f.text(), f.regex());
        statusLabel.setText("Searching…");
        // The count and the newest page do not depend on each other: read them side by side.
        FirstAnswer answer = new FirstAnswer();
        Runnable showWhenBoth = () -> {
            if (answer.isComplete()) {
                showResult(query, seeker, answer);
                // Only now: the histogram's aggregate would compete with the count for the cores.
                histogramRefresher.refresh(f, now, answer.size());
            }
        };
        countTask = UiTask.supply(() -> store.count(query))
                .onSuccess(n -> {
                    answer.count = n;
                    showWhenBoth.run();
                })
                .onError(this::showError)
                .start(services.background());
        pageTask = UiTask.supply(() -> seeker.newest(KeysetSeeker.PAGE))
                .onSuccess(newest -> {
                    answer.newest = newest;
                    showWhenBoth.run();
                })
                .onError(this::showError)
                .start(services.background());
    }

    @FXML
    private void customRange() {
        filters.customTyped();
        search();
    }

    @FXML
    public void jumpToStart() {
        scroller.scrollToStart();
    }

    @FXML
    public void jumpToEnd() {
        scroller.scrollToEnd();
    }

    /** What a search shows first, filled in by two reads running side by side (FX thread). */
    private static final class FirstAnswer {
        private Long count;
        private List<LogRecord> newest;

        boolean isComplete() {
            return count != null && newest != null;
        }

        /** The exact count; never below the page read beside it, should a record land in between. */
        int size() {
            return (int) Math.min(Integer.MAX_VALUE, Math.max(count, newest.size()));
        }
    }

    private void showResult(LogQuery query, KeysetSeeker seeker, FirstAnswer answer) {
        int size = answer.size();
        Block end = size == 0 ? null : KeysetSeeker.endOf(size, answer.newest);
        PagedRecordList rows = new PagedRecordList(seeker, services.background(), size, end, this::showError);
        active = new ActiveSearch(query, seeker, rows);
        // The selection may have left the row window already (scrolled away): the record it showed
        // need not be among the new matches, so the details start empty with the new rows.
        details.show(null);
        scroller.show(rows);
        countLabel.setText(matches(size));
        countLabel.pseudoClassStateChanged(STALE, false);
        statusLabel.setText("");
    }

    /**
     * A histogram was read for the search on screen. Its bars must add up to the count above the
     * table: when they do not, records landed between the two reads (a bulk load, a replay), and the
     * table, the count and the histogram are read again, soon, then less and less often while the
     * store keeps changing under them. Live tail keeps a growing search in step itself.
     */
    private void histogramRead() {
        if (active == null || liveTail.enabledProperty().get()) {
            return;
        }
        if (histogram.shownTotal() == active.rows().size()) {
            resyncDelay = RESYNC_FIRST;
            return;
        }
        resync.setDuration(resyncDelay);
        resync.playFromStart();
        Duration next = resyncDelay.multiply(2);
        resyncDelay = next.greaterThan(RESYNC_MAX) ? RESYNC_MAX : next;
    }

    private void arrived(int added) {
        if (added <= 0 || active == null) {
            return;
        }
        int size = active.rows().size();
        countLabel.setText(matches(size));
        scroller.matchesGrew();
        if (scroller.isAtEnd(size - added)) {
            scroller.scrollToEnd();
        }
        histogramRefresher.refreshIfStale(Instant.now());
    }

    private void zoomTo(Instant from, Instant to) {
        filters.zoomTo(from, to);
        search();
    }

    private void cancelSearch() {
        if (countTask != null) {
            countTask.cancel();
        }
        if (pageTask != null) {
            pageTask.cancel();
        }
        if (active != null) {
            active.rows().dispose();
        }
    }

    private void showError(Throwable e) {
        if (e instanceof IllegalArgumentException) {
            statusLabel.setText("Invalid search: " + e.getMessage());
        } else if (e instanceof QueryTimeoutException) {
            statusLabel.setText(e.getMessage());
        } else {
            LOG.warn("search failed", e);
            statusLabel.setText("Search failed: " + e.getMessage());
        }
    }

    private static String matches(long n) {
        return Formats.count(n) + (n == 1 ? " match" : " matches");
    }
}
