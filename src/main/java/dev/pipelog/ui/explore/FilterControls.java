package dev.pipelog.ui.explore;

import dev.pipelog.model.Level;
import dev.pipelog.model.LogQuery;
import dev.pipelog.store.LogStore;
import dev.pipelog.ui.common.UiServices;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import org.controlsfx.control.CheckComboBox;

/**
 * Explore's filter controls as one part: it reads them into {@link SearchFilters}, fills them from a
 * query another view links to, shows the applied filters as chips and removes one when its chip is
 * closed. Changing a control asks for a search; setting several at once asks once. FX thread only.
 */
final class FilterControls {
    /** The controls, as the FXML declares them. */
    record Controls(TextField query, ToggleButton regex, CheckComboBox<Level> levels, TextField pipeline,
                    TextField execution, TextField logger, HBox presets, TextField from, TextField to,
                    FlowPane chips, Label rangeError) {
    }

    private final Controls c;
    private final Runnable search;
    private final TimeRangePicker timeRange;
    private final FilterChips chips;
    /** True while the view sets several controls at once: their listeners must not each search. */
    private boolean settingControls;

    FilterControls(Controls controls, UiServices services, Runnable search) {
        this.c = controls;
        this.search = search;
        c.levels().getItems().setAll(Level.values());
        c.levels().getCheckModel().getCheckedItems().addListener((ListChangeListener<Level>) change -> {
            c.levels().setTitle(levelTitle());
            changed();
        });
        c.levels().setTitle(levelTitle());
        c.regex().selectedProperty().addListener((obs, was, now) -> changed());
        timeRange = new TimeRangePicker(c.presets(), c.from(), c.to(), this::changed);
        chips = new FilterChips(c.chips(), this::remove);
        c.rangeError().managedProperty().bind(c.rangeError().visibleProperty());
        c.rangeError().setVisible(false);
        c.query().setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                c.query().clear();
                changed();
            }
        });
        SuggestionPopup.attach(c.pipeline(), services, LogStore.Field.PIPELINE_ID);
        SuggestionPopup.attach(c.execution(), services, LogStore.Field.EXECUTION_ID);
        SuggestionPopup.attach(c.logger(), services, LogStore.Field.LOGGER);
    }

    /** True while several controls are being set: the search follows once they all are. */
    boolean isSettingControls() {
        return settingControls;
    }

    /**
     * The filters the controls describe; empty when a typed time cannot be read, and then that is
     * said on a line of its own (in the toolbar the hint would squeeze the presets and the count).
     */
    Optional<SearchFilters> read() {
        Optional<TimeRangePicker.Range> range = timeRange.read();
        c.rangeError().setVisible(range.isEmpty());
        if (range.isEmpty()) {
            return Optional.empty();
        }
        List<Level> picked = c.levels().getCheckModel().getCheckedItems();
        Set<Level> levels = picked.isEmpty() ? Set.of() : EnumSet.copyOf(picked);
        TimeRangePicker.Range r = range.get();
        return Optional.of(new SearchFilters(c.query().getText(), c.regex().isSelected(), levels,
                c.pipeline().getText(), c.execution().getText(), c.logger().getText(), r.preset(), r.from(), r.to()));
    }

    /** The search with {@code f} started: its filters become the chips. */
    void applied(SearchFilters f) {
        chips.show(f);
    }

    /** Fills the controls with a query another view links to. */
    void show(LogQuery query) {
        settingControls(() -> {
            c.query().setText(query.text() == null ? "" : query.text());
            c.pipeline().setText(query.pipelineId());
            c.execution().setText(query.executionId());
            c.logger().setText(query.loggerPrefix());
            timeRange.setCustom(query.since(), query.until());
            c.levels().getCheckModel().clearChecks();
            query.levels().forEach(c.levels().getCheckModel()::check);
            c.regex().setSelected(query.regex());
        });
    }

    /** A range picked on the histogram. */
    void zoomTo(Instant from, Instant to) {
        timeRange.setCustom(from, to);
    }

    /** The user typed a from/to time: it replaces the preset. */
    void customTyped() {
        timeRange.customTyped();
    }

    void focusQuery() {
        c.query().requestFocus();
        c.query().selectAll();
    }

    private void changed() {
        if (!settingControls) {
            search.run();
        }
    }

    /** The level combo says which levels are picked, not just "Levels". */
    private String levelTitle() {
        List<Level> picked = c.levels().getCheckModel().getCheckedItems().stream().sorted().toList();
        if (picked.isEmpty()) {
            return "All levels";
        }
        return picked.size() == 1 ? picked.get(0).name() : picked.get(0).name() + " +" + (picked.size() - 1);
    }

    /** The × of a filter chip: that filter goes, the others stay, and the search runs again. */
    private void remove(FilterChips.Kind kind) {
        settingControls(() -> clear(kind));
        search.run();
    }

    private void clear(FilterChips.Kind kind) {
        switch (kind) {
            case TEXT -> c.query().clear();
            case LEVELS -> c.levels().getCheckModel().clearChecks();
            case PIPELINE -> c.pipeline().clear();
            case EXECUTION -> c.execution().clear();
            case LOGGER -> c.logger().clear();
            case TIME -> {
                timeRange.selectAll();
                c.from().clear();
                c.to().clear();
            }
        }
    }

    private void settingControls(Runnable change) {
        settingControls = true;
        try {
            change.run();
        } finally {
            settingControls = false;
        }
    }
}
