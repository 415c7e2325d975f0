package dev.pipelog.ui.explore;

import dev.pipelog.model.LogRecord;
import dev.pipelog.ui.common.Formats;
import dev.pipelog.ui.common.StyleClasses;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import javafx.geometry.Pos;
import javafx.scene.layout.HBox;
import javafx.scene.shape.Rectangle;

/**
 * Sets up the results table: fixed row height (so the table never measures 10 million rows),
 * no client-side sorting (the order is the store's), one-line cells, levels coloured, matches
 * highlighted. A row whose record is still loading shows a muted placeholder.
 */
final class RecordTable {
    static final double ROW_HEIGHT = 26;
    private static final double SHRUNK_WIDTH = 90;
    private static final double MESSAGE_MIN_WIDTH = 200;

    private RecordTable() {
    }

    static void configure(TableView<LogRecord> table, Supplier<MatchHighlighter> highlighter) {
        table.setFixedCellSize(ROW_HEIGHT);
        table.setSortPolicy(t -> false);
        table.setPlaceholder(new javafx.scene.control.Label("No records match"));
        // Time, level and execution never shrink below their full text (they are read whole, not
        // skimmed); their widths add up so that the smallest window (1024 px) still leaves the
        // message a third of the row.
        table.getColumns().setAll(
                fixed(column("Time", 200, r -> Formats.time(r.timestamp()))),
                fixed(levelColumn()),
                shrinkable(column("Pipeline", 180, LogRecord::pipelineId)),
                fixed(column("Execution", 150, LogRecord::executionId)),
                shrinkable(column("Logger", 180, LogRecord::logger)),
                messageColumn(highlighter));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_LAST_COLUMN);
    }

    private static TableColumn<LogRecord, LogRecord> column(String title, double width, Function<LogRecord, String> text) {
        TableColumn<LogRecord, LogRecord> c = base(title, width);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(LogRecord r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : text.apply(r));
            }
        });
        return c;
    }

    private static TableColumn<LogRecord, LogRecord> levelColumn() {
        TableColumn<LogRecord, LogRecord> c = base("Level", 100);
        c.setCellFactory(col -> new TableCell<>() {
            {
                getStyleClass().add("level-cell");
            }

            @Override
            protected void updateItem(LogRecord r, boolean empty) {
                super.updateItem(r, empty);
                getStyleClass().removeIf(StyleClasses::isLevel);
                if (empty || r == null) {
                    setText(null);
                } else {
                    setText(r.level().name());
                    getStyleClass().add(StyleClasses.level(r.level()));
                }
            }
        });
        return c;
    }

    private static TableColumn<LogRecord, LogRecord> messageColumn(Supplier<MatchHighlighter> highlighter) {
        TableColumn<LogRecord, LogRecord> c = base("Message", 600);
        c.setMinWidth(MESSAGE_MIN_WIDTH);
        c.setCellFactory(col -> new TableCell<>() {
            // One line of Text nodes, clipped to the cell: matches stand out, nothing ever wraps.
            private final HBox line = new HBox();
            private final Rectangle clip = new Rectangle();

            {
                getStyleClass().add("message-cell");
                line.setAlignment(Pos.CENTER_LEFT);
                line.setMinWidth(0);
                clip.widthProperty().bind(widthProperty());
                clip.heightProperty().bind(heightProperty());
                setClip(clip);
            }

            @Override
            protected void updateItem(LogRecord r, boolean empty) {
                super.updateItem(r, empty);
                setText(null);
                if (empty) {
                    setGraphic(null);
                    return;
                }
                line.getChildren().clear();
                if (r == null) {
                    Text loading = new Text("loading…");
                    loading.getStyleClass().add(StyleClasses.MUTED);
                    line.getChildren().add(loading);
                } else {
                    for (MatchHighlighter.Part part : highlighter.get().split(oneLine(r.message()))) {
                        Text t = new Text(part.text());
                        t.getStyleClass().add(part.match() ? StyleClasses.MATCH : "match-text");
                        line.getChildren().add(t);
                    }
                }
                setGraphic(line);
            }
        });
        return c;
    }

    /** Kept at its width: the window may shrink, this column does not. */
    private static TableColumn<LogRecord, LogRecord> fixed(TableColumn<LogRecord, LogRecord> c) {
        c.setMinWidth(c.getPrefWidth());
        return c;
    }

    /** May give up some width (ellipsized) before the message gets too narrow to read. */
    private static TableColumn<LogRecord, LogRecord> shrinkable(TableColumn<LogRecord, LogRecord> c) {
        c.setMinWidth(SHRUNK_WIDTH);
        return c;
    }

    private static TableColumn<LogRecord, LogRecord> base(String title, double width) {
        TableColumn<LogRecord, LogRecord> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue()));
        return c;
    }

    static String oneLine(String message) {
        int nl = message.indexOf('\n');
        String first = nl < 0 ? message : message.substring(0, nl) + " …";
        return first.length() > 500 ? first.substring(0, 500) + "…" : first;
    }
}
