package dev.pipelog.ui.explore;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.pipelog.ingest.RecordJson;
import dev.pipelog.model.LogRecord;
import dev.pipelog.ui.common.Formats;
import dev.pipelog.ui.common.Navigator;
import dev.pipelog.ui.common.StyleClasses;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The selected record in full: message, stack trace in monospace, extra data as pretty JSON, copy
 * buttons, and links to its execution and correlation. FX thread only.
 */
final class RecordDetailPane extends VBox {
    /** Extra data beside a stack trace: pretty JSON lines are short. */
    private static final double EXTRA_WIDTH = 340;
    private final Label level = new Label();
    private final Label heading = new Label("Select a record to see it in full");
    private final Label source = new Label();
    private final Hyperlink showExecution = new Hyperlink("show execution");
    private final Hyperlink showCorrelation = new Hyperlink("show correlation");
    private final TextArea message = area(false);
    private final TextArea stackTrace = area(true);
    private final TextArea extra = area(true);
    private final VBox stackBox = section("Stack trace", stackTrace, "copy-stack", () -> stackTrace.getText());
    private final VBox extraBox = section("Extra", extra, "copy-extra", () -> extra.getText());
    private final VBox messageBox = section("Message", message, "copy-message", () -> message.getText());
    private final HBox lower = new HBox(10, stackBox, extraBox);
    private LogRecord record;

    RecordDetailPane(Navigator navigator) {
        getStyleClass().add("detail-pane");
        setId("record-details");
        level.getStyleClass().add("level-badge");
        level.setVisible(false);
        source.getStyleClass().add(StyleClasses.MUTED);
        showExecution.setId("show-execution");
        showCorrelation.setId("show-correlation");
        showExecution.setOnAction(e -> navigator.showPipeline(record.pipelineId(), record.executionId()));
        showCorrelation.setOnAction(e -> navigator.showCorrelation(record.correlationId()));
        Button copyJson = copyButton("Copy as JSON", "copy-json", () -> RecordJson.toLine(record));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        // Only the source path may shrink; the badge, time, links and button keep their full text.
        for (Region fixed : List.of(level, heading, showExecution, showCorrelation, copyJson)) {
            fixed.setMinWidth(Region.USE_PREF_SIZE);
        }
        source.setMinWidth(0);
        HBox header = new HBox(8, level, heading, source, spacer, showExecution, showCorrelation, copyJson);
        header.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        message.setId("detail-message");
        stackTrace.setId("detail-stack");
        extra.setId("detail-extra");
        // The message across the whole width (most are one line: three rows, the rest scrolls); below it
        // the stack trace, which needs the width most, and the extra data beside it.
        message.setPrefRowCount(3);
        HBox.setHgrow(stackBox, Priority.ALWAYS);
        stackBox.setMaxWidth(Double.MAX_VALUE);
        extraBox.setPrefWidth(EXTRA_WIDTH);
        extraBox.setMaxWidth(Double.MAX_VALUE);
        VBox.setVgrow(lower, Priority.ALWAYS);
        getChildren().addAll(header, messageBox, lower);
        setPadding(new Insets(8));
        show(null);
    }

    void show(LogRecord r) {
        record = r;
        boolean has = r != null;
        level.setVisible(has);
        level.getStyleClass().removeIf(StyleClasses::isLevel);
        if (has) {
            level.setText(r.level().name());
            level.getStyleClass().add(StyleClasses.level(r.level()));
            heading.setText(Formats.time(r.timestamp()));
            source.setText(String.join("  ›  ", present(r.pipelineId(), r.executionId(), r.logger(),
                    r.host(), r.module() == null ? null : r.module() + (r.line() == null ? "" : ":" + r.line()))));
        } else {
            heading.setText("Select a record to see it in full");
            source.setText("");
        }
        message.setText(has ? r.message() : "");
        stackTrace.setText(has && r.stackTrace() != null ? r.stackTrace() : "");
        extra.setText(has && r.extra() != null ? prettyJson(r.extra()) : "");
        boolean hasStack = has && r.stackTrace() != null;
        boolean hasExtra = has && r.extra() != null;
        visible(stackBox, hasStack);
        visible(extraBox, hasExtra);
        visible(lower, hasStack || hasExtra);
        // Whatever is shown takes the room: the message alone fills the pane, extra alone its row.
        VBox.setVgrow(messageBox, hasStack || hasExtra ? Priority.NEVER : Priority.ALWAYS);
        HBox.setHgrow(extraBox, hasStack ? Priority.NEVER : Priority.ALWAYS);
        showExecution.setDisable(!has || r.pipelineId() == null);
        showCorrelation.setDisable(!has || r.correlationId() == null);
    }

    private static String prettyJson(String json) {
        try {
            return RecordJson.MAPPER.readTree(json).toPrettyString();
        } catch (JsonProcessingException e) {
            return json; // stored extra is always JSON; show it as it is rather than nothing
        }
    }

    private static List<String> present(String... values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                out.add(v);
            }
        }
        return out;
    }

    private static void visible(Region node, boolean visible) {
        node.setVisible(visible);
        node.setManaged(visible);
    }

    private static TextArea area(boolean monospace) {
        TextArea a = new TextArea();
        a.setEditable(false);
        // Wrapped, monospace or not: a stack trace line cut at the area's edge is a line not read.
        a.setWrapText(true);
        a.getStyleClass().add("code");
        if (monospace) {
            a.getStyleClass().add(StyleClasses.MONOSPACE);
        }
        VBox.setVgrow(a, Priority.ALWAYS);
        return a;
    }

    private VBox section(String title, TextArea area, String copyId, java.util.function.Supplier<String> text) {
        Label label = new Label(title);
        label.getStyleClass().add("section-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(6, label, spacer, copyButton("Copy", copyId, text));
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return new VBox(4, bar, area);
    }

    private Button copyButton(String text, String id, java.util.function.Supplier<String> content) {
        Button b = new Button(text, new FontIcon("fth-copy"));
        b.setId(id);
        b.getStyleClass().addAll("small", "flat");
        b.setOnAction(e -> {
            if (record != null) {
                ClipboardContent c = new ClipboardContent();
                c.putString(content.get());
                Clipboard.getSystemClipboard().setContent(c);
            }
        });
        return b;
    }
}
