package dev.pipelog.ui.pipelines;

import dev.pipelog.model.ExecutionStatus;
import dev.pipelog.model.ExecutionSummary;
import dev.pipelog.model.Level;
import dev.pipelog.model.LogRecord;
import dev.pipelog.model.PipelineSummary;
import dev.pipelog.ui.common.StyleClasses;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;

/** Cell factories of the Pipelines view's three tables. */
final class PipelineTables {
    private PipelineTables() {
    }

    static <S, V> void column(TableColumn<S, V> column, Function<S, V> value) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
    }

    static <S, V> void column(TableColumn<S, V> column, Function<S, V> value, Function<V, String> text) {
        column(column, value);
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(V item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
            }
        });
    }

    /** A numeric column that marks non-zero error counts. */
    static <S> void errorColumn(TableColumn<S, Long> column, Function<S, Long> value) {
        column(column, value);
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Long item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove(PipelineStyles.ERROR_COUNT);
                setText(empty || item == null ? null : Formats.count(item));
                if (!empty && item != null && item > 0) {
                    getStyleClass().add(PipelineStyles.ERROR_COUNT);
                }
            }
        });
    }

    static void statusColumn(TableColumn<ExecutionSummary, ExecutionStatus> column) {
        column(column, ExecutionSummary::status);
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(ExecutionStatus item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll(PipelineStyles.STATUS_OK, PipelineStyles.STATUS_WARNINGS,
                        PipelineStyles.STATUS_FAILED);
                setText(empty || item == null ? null : item.name().toLowerCase(java.util.Locale.ROOT));
                if (!empty && item != null) {
                    getStyleClass().add(PipelineStyles.of(item));
                }
            }
        });
    }

    static void levelColumn(TableColumn<LogRecord, Level> column) {
        column(column, LogRecord::level);
        column.setCellFactory(c -> {
            TableCell<LogRecord, Level> cell = new TableCell<>() {
                @Override
                protected void updateItem(Level item, boolean empty) {
                    super.updateItem(item, empty);
                    // "level-cell" itself passes isLevel, so keep it
                    getStyleClass().removeIf(s -> StyleClasses.isLevel(s) && !PipelineStyles.LEVEL_CELL.equals(s));
                    setText(empty || item == null ? null : item.name());
                    if (!empty && item != null) {
                        getStyleClass().add(StyleClasses.level(item));
                    }
                }
            };
            cell.getStyleClass().add(PipelineStyles.LEVEL_CELL); // coloured by the window's level tokens
            return cell;
        });
    }

    static void pipelines(TableColumn<PipelineSummary, String> id, TableColumn<PipelineSummary, java.time.Instant> lastRun,
            TableColumn<PipelineSummary, Long> runs, TableColumn<PipelineSummary, Long> records,
            TableColumn<PipelineSummary, Long> errors) {
        column(id, PipelineSummary::pipelineId);
        column(lastRun, PipelineSummary::lastSeen, Formats::shortDateTime);
        column(runs, PipelineSummary::executions, Formats::count);
        column(records, PipelineSummary::records, Formats::count);
        errorColumn(errors, PipelineSummary::errors);
    }
}
