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
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
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

    private final UiServices services;
    private final LogStore store;
    private final RecordDetailPane details;
    private final LiveTail liveTail;
    private TimeRangePicker timeRange;
    private TableScroller scroller;
    private ActiveSearch active;
    private MatchHighlighter highlighter = MatchHighlighter.NONE;
    private Task<?> countTask;
    private Task<?> pageTask;
    private HistogramRefresher histogramRefresher;
    /** True while the view sets several controls at once: their listeners must not each search. */
    private boolean settingControls;

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
    private FilterChips chips;

    public ExploreController(UiServices services, Navigator navigator) {
        this.services = services;
        this.store = services.store();
        this.details = new RecordDetailPane(navigator);
        this.liveTail = new LiveTail(store, services.background(), () -> active, this::arrived);
    }

    @FXML
    private void initialize() {
        levelPicker.getItems().setAll(Level.values());
        levelPicker.getCheckModel().getCheckedItems().addListener(
                (javafx.collections.ListChangeListener<Level>) c -> {
                    levelPicker.setTitle(levelTitle());
                    search();
                });
        levelPicker.setTitle(levelTitle());
        chips = new FilterChips(filterChips, this::removeFilter);
        rangeError.managedProperty().bind(rangeError.visibleProperty());
        rangeError.setVisible(false);
        regexToggle.selectedProperty().addListener((obs, was, now) -> search());
        timeRange = new TimeRangePicker(presetBox, fromField, toField, this::search);
        queryField.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                queryField.clear();
                search();
            }
        });
        SuggestionPopup.attach(pipelineField, services, LogStore.Field.PIPELINE_ID);
        SuggestionPopup.attach(executionField, services, LogStore.Field.EXECUTION_ID);
        SuggestionPopup.attach(loggerField, services, LogStore.Field.LOGGER);
        RecordTable.configure(table, () -> highlighter);
        scroller = new TableScroller(table, rowScroll);
        table.getSelectionModel().selectedItemProperty().addListener((obs, was, r) -> {
            if (!scroller.isMoving()) {
                details.show(r);
            }
        });
        detailHolder.getChildren().add(details);
        histogram.setOnRangeSelected(this::zoomTo);
        histogramRefresher = new HistogramRefresher(store, services.background(), histogram);
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
        queryField.requestFocus();
        queryField.selectAll();
    }

    /** Shows the records another view links to (Navigator.showRecords). */
    public void open(LogQuery query) {
        settingControls(() -> {
            queryField.setText(query.text() == null ? "" : query.text());
            pipelineField.setText(query.pipelineId());
            executionField.setText(query.executionId());
            loggerField.setText(query.loggerPrefix());
            timeRange.setCustom(query.since(), query.until());
            levelPicker.getCheckModel().clearChecks();
            query.levels().forEach(levelPicker.getCheckModel()::check);
            regexToggle.setSelected(query.regex());
        });
        search();
    }

    private void settingControls(Runnable change) {
        settingControls = true;
        try {
            change.run();
        } finally {
            settingControls = false;
        }
    }

    /** Runs the search the controls describe, replacing the one shown. */
    @FXML
    public void search() {
        if (table == null || settingControls) {
            return; // still initializing, or filling several controls: one search follows
        }
        Optional<SearchFilters> filters = readFilters();
        if (filters.isEmpty()) {
            return;
        }
        cancelSearch();
        Instant now = Instant.now();
        SearchFilters f = filters.get();
        chips.show(f);
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
                histogramRefresher.refresh(f, now);
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
        timeRange.customTyped();
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
        scroller.show(rows);
        countLabel.setText(matches(size));
        statusLabel.setText("");
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
        timeRange.setCustom(from, to);
        search();
    }

    /** The filters the controls describe; empty (and says why under the toolbar) when a time is unreadable. */
    private Optional<SearchFilters> readFilters() {
        Optional<TimeRangePicker.Range> range = timeRange.read();
        // Its own line: in the toolbar the hint would squeeze the presets and the count.
        rangeError.setVisible(range.isEmpty());
        if (range.isEmpty()) {
            return Optional.empty();
        }
        Set<Level> levels = levelPicker.getCheckModel().getCheckedItems().isEmpty() ? Set.of()
                : EnumSet.copyOf(levelPicker.getCheckModel().getCheckedItems());
        TimeRangePicker.Range r = range.get();
        return Optional.of(new SearchFilters(queryField.getText(), regexToggle.isSelected(), levels,
                pipelineField.getText(), executionField.getText(), loggerField.getText(), r.preset(), r.from(), r.to()));
    }

    /** The level combo says which levels are picked, not just "Levels". */
    private String levelTitle() {
        List<Level> picked = List.copyOf(levelPicker.getCheckModel().getCheckedItems());
        if (picked.isEmpty()) {
            return "All levels";
        }
        Level first = picked.stream().sorted().findFirst().orElseThrow();
        return picked.size() == 1 ? first.name() : first.name() + " +" + (picked.size() - 1);
    }

    /** The × of a filter chip: that filter goes, the others stay, and the search runs again. */
    private void removeFilter(FilterChips.Kind kind) {
        settingControls(() -> clear(kind));
        search();
    }

    private void clear(FilterChips.Kind kind) {
        switch (kind) {
            case TEXT -> queryField.clear();
            case LEVELS -> levelPicker.getCheckModel().clearChecks();
            case PIPELINE -> pipelineField.clear();
            case EXECUTION -> executionField.clear();
            case LOGGER -> loggerField.clear();
            case TIME -> {
                timeRange.selectAll();
                fromField.clear();
                toField.clear();
            }
        }
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
