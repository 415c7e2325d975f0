package dev.pipelog.ui.correlation;

import dev.pipelog.model.Level;
import dev.pipelog.model.LogQuery;
import dev.pipelog.model.LogRecord;
import dev.pipelog.ui.common.FeatureView;
import dev.pipelog.ui.common.Navigator;
import dev.pipelog.ui.common.StyleClasses;
import dev.pipelog.ui.common.UiServices;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;

/**
 * The Correlation view: an id box, the tree table with its waterfall column, and the records of the
 * selected node below.
 */
public final class CorrelationController implements FeatureView {
    private static final String LEVEL_CELL = "level-cell";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private final CorrelationViewModel model;
    private final Navigator navigator;

    @FXML private TextField idField;
    @FXML private Button loadButton;
    @FXML private Button exploreButton;
    @FXML private Label treePlaceholder;
    @FXML private ProgressIndicator progress;
    @FXML private Label statusLabel;
    @FXML private TreeTableView<TraceRow> treeTable;
    @FXML private TreeTableColumn<TraceRow, TraceRow> nodeColumn;
    @FXML private TreeTableColumn<TraceRow, Long> recordsColumn;
    @FXML private TreeTableColumn<TraceRow, Long> errorsColumn;
    @FXML private TreeTableColumn<TraceRow, Duration> offsetColumn;
    @FXML private TreeTableColumn<TraceRow, Duration> durationColumn;
    @FXML private TreeTableColumn<TraceRow, TraceRow> waterfallColumn;
    @FXML private Label recordsTitle;
    @FXML private TableView<LogRecord> recordsTable;
    @FXML private TableColumn<LogRecord, Instant> timeColumn;
    @FXML private TableColumn<LogRecord, Level> levelColumn;
    @FXML private TableColumn<LogRecord, String> pipelineColumn;
    @FXML private TableColumn<LogRecord, String> loggerColumn;
    @FXML private TableColumn<LogRecord, String> messageColumn;

    public CorrelationController(UiServices services, Navigator navigator) {
        this.model = new CorrelationViewModel(services.store(), services.background());
        this.navigator = Objects.requireNonNull(navigator);
    }

    public CorrelationViewModel model() {
        return model;
    }

    @FXML
    private void initialize() {
        idField.textProperty().bindBidirectional(model.correlationIdProperty());
        idField.setOnAction(e -> model.load());
        progress.visibleProperty().bind(model.loadingProperty());
        statusLabel.textProperty().bind(model.statusProperty());
        exploreButton.disableProperty().bind(model.foundProperty().not());
        // The empty tree says what the status line says (one message, not two that disagree); the
        // status line itself stays for the summary of a tree that is shown.
        treePlaceholder.textProperty().bind(model.statusProperty());
        statusLabel.visibleProperty().bind(model.foundProperty());

        treeTable.setShowRoot(false);
        treeTable.rootProperty().bind(model.rootProperty());
        treeTable.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && now.getValue().kind() == TraceRow.Kind.MORE) {
                // changing the children inside a selection change confuses the tree: do it right after
                javafx.application.Platform.runLater(() -> ((LazyTraceItem) now.getParent()).showMore());
            }
            model.select(now == null ? null : now.getValue());
        });
        nodeColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().getValue()));
        nodeColumn.setCellFactory(c -> new NodeCell());
        treeColumn(recordsColumn, TraceRow::totalRecords, n -> String.format(Locale.ROOT, "%,d", n));
        treeColumn(errorsColumn, TraceRow::totalErrors, n -> n == 0 ? "" : String.format(Locale.ROOT, "%,d", n));
        treeColumn(offsetColumn, r -> Duration.between(treeStart(), r.start()), d -> "+" + millis(d));
        treeColumn(durationColumn, TraceRow::duration, CorrelationController::millis);
        waterfallColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().getValue()));
        waterfallColumn.setCellFactory(c -> new WaterfallCell(model.treeProperty()::get));

        recordColumn(timeColumn, LogRecord::timestamp, TIME::format);
        recordColumn(levelColumn, LogRecord::level, Level::name);
        levelColumn.setCellFactory(c -> new LevelCell());
        recordColumn(pipelineColumn, LogRecord::pipelineId, Function.identity());
        recordColumn(loggerColumn, LogRecord::logger, Function.identity());
        recordColumn(messageColumn, LogRecord::message, Function.identity());
        recordsTable.setItems(model.records());
        model.selectedProperty().addListener((o, was, row) -> recordsTitle.setText(row == null
                ? "Select a node to see its records" : "Records of " + CorrelationStyles.kindTag(row.kind()) + (row.label() == null ? "(none)" : row.label())));
    }

    /** Shows this correlation id and loads its tree. */
    public void open(String correlationId) {
        model.open(correlationId);
    }

    @Override
    public void onShow() {
        idField.requestFocus();
    }

    @FXML
    private void load() {
        model.load();
    }

    @FXML
    private void openInExplore() {
        CorrelationTree t = model.treeProperty().get();
        if (t != null && model.foundProperty().get()) {
            navigator.showRecords(LogQuery.builder().correlationId(t.correlation().correlationId()).build());
        }
    }

    private Instant treeStart() {
        CorrelationTree t = model.treeProperty().get();
        return t == null ? Instant.EPOCH : t.start();
    }

    static String millis(Duration d) {
        double ms = d.toNanos() / 1e6;
        if (ms < 1000) {
            return String.format(Locale.ROOT, "%.1f ms", ms);
        }
        return ms < 60_000 ? String.format(Locale.ROOT, "%.2f s", ms / 1000) : String.format(Locale.ROOT, "%.1f s", ms / 1000);
    }

    private static <V> void treeColumn(TreeTableColumn<TraceRow, V> column, Function<TraceRow, V> value,
            Function<V, String> text) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(
                c.getValue().getValue().kind() == TraceRow.Kind.MORE ? null : value.apply(c.getValue().getValue())));
        column.setCellFactory(c -> new TreeTableCell<>() {
            @Override
            protected void updateItem(V item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
            }
        });
    }

    private static <V> void recordColumn(TableColumn<LogRecord, V> column, Function<LogRecord, V> value,
            Function<V, String> text) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(V item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
            }
        });
    }

    /** The tree column: the node's label, tagged with its kind and marked when it holds errors. */
    private static final class NodeCell extends TreeTableCell<TraceRow, TraceRow> {
        @Override
        protected void updateItem(TraceRow row, boolean empty) {
            super.updateItem(row, empty);
            getStyleClass().removeAll(CorrelationStyles.NODE_ERRORS, CorrelationStyles.NODE_GROUP,
                    CorrelationStyles.NODE_MORE);
            if (empty || row == null) {
                setText(null);
                return;
            }
            String span = row.kind() == TraceRow.Kind.SPAN && row.spanId() != null
                    ? "  · " + row.spanId().substring(0, Math.min(6, row.spanId().length())) : "";
            setText(CorrelationStyles.kindTag(row.kind()) + (row.label() == null ? "(none)" : row.label()) + span);
            if (row.totalErrors() > 0) {
                getStyleClass().add(CorrelationStyles.NODE_ERRORS);
            }
            if (row.kind() == TraceRow.Kind.ORPHANS || row.kind() == TraceRow.Kind.NO_SPAN) {
                getStyleClass().add(CorrelationStyles.NODE_GROUP);
            }
            if (row.kind() == TraceRow.Kind.MORE) {
                getStyleClass().add(CorrelationStyles.NODE_MORE);
            }
        }
    }

    /** Coloured by the window's level tokens, as in Explore. */
    private static final class LevelCell extends TableCell<LogRecord, Level> {
        LevelCell() {
            getStyleClass().add(LEVEL_CELL);
        }

        @Override
        protected void updateItem(Level level, boolean empty) {
            super.updateItem(level, empty);
            // "level-cell" itself passes isLevel, so keep it
            getStyleClass().removeIf(c -> StyleClasses.isLevel(c) && !LEVEL_CELL.equals(c));
            setText(empty || level == null ? null : level.name());
            if (!empty && level != null) {
                getStyleClass().add(StyleClasses.level(level));
            }
        }
    }
}
