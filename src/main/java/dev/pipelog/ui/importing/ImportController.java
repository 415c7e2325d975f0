package dev.pipelog.ui.importing;

import dev.pipelog.ingest.file.FileFormat;
import dev.pipelog.ingest.file.FileImporter;
import dev.pipelog.ingest.file.FilePreview;
import dev.pipelog.ingest.file.FollowRequest;
import dev.pipelog.ingest.file.FollowService;
import dev.pipelog.ingest.file.ImportProgress;
import dev.pipelog.ingest.file.ImportRequest;
import dev.pipelog.ingest.file.ImportSummary;
import dev.pipelog.ingest.file.LogFile;
import dev.pipelog.model.LogRecord;
import dev.pipelog.ui.common.Formats;
import dev.pipelog.ui.common.UiServices;
import dev.pipelog.ui.common.UiTask;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Open dialog: a preview of the first records as they would be stored, with the detected
 * format and a manual override (a fixed format or the user's Python format string), the pipeline,
 * whether to keep following; then the import with bytes, records, rate and time left, and Cancel,
 * which keeps what was stored (the next import of the file resumes). FX thread only; the file is
 * read in background tasks.
 */
public final class ImportController {
    private static final Logger LOG = LoggerFactory.getLogger(ImportController.class);

    private final UiServices services;
    private final FileImporter importer;
    private final FollowService follows;
    private Path file;
    private Task<?> previewing;
    private Task<?> importing;
    private final AtomicBoolean cancelRequested = new AtomicBoolean();
    private Consumer<ImportSummary> onImported = s -> { };
    private Runnable onClose = () -> { };

    @FXML private VBox root;
    @FXML private Label fileLabel;
    @FXML private ComboBox<FormatChoice> formatPicker;
    @FXML private TextField patternField;
    @FXML private TextField pipelineField;
    @FXML private Label previewLabel;
    @FXML private TableView<LogRecord> previewTable;
    @FXML private TableColumn<LogRecord, String> timeColumn;
    @FXML private TableColumn<LogRecord, String> levelColumn;
    @FXML private TableColumn<LogRecord, String> loggerColumn;
    @FXML private TableColumn<LogRecord, String> pipelineColumn;
    @FXML private TableColumn<LogRecord, String> messageColumn;
    @FXML private CheckBox followCheck;
    @FXML private ProgressBar progressBar;
    @FXML private Label progressLabel;
    @FXML private Button closeButton;
    @FXML private Button importButton;

    public ImportController(UiServices services, FileImporter importer, FollowService follows) {
        this.services = services;
        this.importer = importer;
        this.follows = follows;
    }

    @FXML
    private void initialize() {
        // Set here, not in the FXML, where a leading % would name a resource.
        patternField.setPromptText("the format of your logging.Formatter, e.g. " + FileFormat.PYTHON_PRESETS.get(0));
        formatPicker.getItems().setAll(FormatChoice.all());
        formatPicker.getSelectionModel().select(FormatChoice.DETECT);
        patternField.disableProperty().bind(formatPicker.valueProperty().isNotEqualTo(
                new FormatChoice(Optional.of(FileFormat.Kind.PYTHON))));
        formatPicker.valueProperty().addListener((obs, was, now) -> preview());
        patternField.textProperty().addListener((obs, was, now) -> preview());
        timeColumn.setCellValueFactory(c -> text(Formats.time(c.getValue().timestamp())));
        levelColumn.setCellValueFactory(c -> text(c.getValue().level().name()));
        loggerColumn.setCellValueFactory(c -> text(c.getValue().logger()));
        pipelineColumn.setCellValueFactory(c -> text(c.getValue().pipelineId()));
        messageColumn.setCellValueFactory(c -> text(firstLine(c.getValue().message())));
        progressBar.setVisible(false);
    }

    /** Shows {@code file}'s preview, with its format detected. */
    public void open(Path file) {
        this.file = file;
        fileLabel.setText(file.toAbsolutePath().toString());
        pipelineField.setPromptText("the record's own, else \"" + LogFile.pipelineFromName(file) + "\"");
        preview();
    }

    public void setOnImported(Consumer<ImportSummary> action) {
        onImported = action;
    }

    public void setOnClose(Runnable action) {
        onClose = action;
    }

    private void preview() {
        if (file == null || importing != null) {
            return;
        }
        if (previewing != null) {
            previewing.cancel();
        }
        importButton.setDisable(true);
        ImportRequest request;
        try {
            request = request();
        } catch (IllegalArgumentException e) {
            previewTable.getItems().clear();
            previewLabel.setText(e.getMessage());
            return;
        }
        previewLabel.setText("Reading the first lines…");
        previewing = UiTask.supply(() -> importer.preview(request))
                .onSuccess(this::showPreview)
                .onError(e -> {
                    previewTable.getItems().clear();
                    previewLabel.setText(e.getMessage());
                })
                .start(services.background());
    }

    private void showPreview(FilePreview preview) {
        previewTable.getItems().setAll(preview.records());
        String unparsed = preview.unparsed() == 0 ? ""
                : " · " + preview.unparsed() + " of them no format reads: they will be kept as plain text";
        previewLabel.setText("Format: " + preview.format().label() + (preview.detected() ? " (detected)" : "")
                + " · the first " + preview.records().size() + " records as they will be stored" + unparsed
                + (preview.file().gzip() ? " · gzip" : ""));
        importButton.setDisable(preview.records().isEmpty());
    }

    private ImportRequest request() {
        Optional<String> pipeline = Optional.ofNullable(pipelineField.getText());
        return new ImportRequest(file, pipeline, formatPicker.getValue().format(patternField.getText()));
    }

    @FXML
    private void startImport() {
        ImportRequest request = request();
        boolean follow = followCheck.isSelected();
        cancelRequested.set(false);
        importButton.setDisable(true);
        formatPicker.setDisable(true);
        pipelineField.setDisable(true);
        followCheck.setDisable(true);
        closeButton.setText("Cancel");
        progressBar.setVisible(true);
        progressBar.setProgress(0);
        progressLabel.setText("Importing…");
        importing = UiTask.supply(() -> {
            ImportSummary summary = importer.run(request,
                    p -> Platform.runLater(() -> showProgress(p)), cancelRequested::get);
            if (follow && !summary.cancelled()) {
                follows.follow(new FollowRequest(request.file(), request.pipelineId(), request.format()));
            }
            return summary;
        }).onSuccess(summary -> {
            progressBar.setProgress(1);
            progressLabel.setText(summaryText(summary, follow));
            onImported.accept(summary);
        }).onError(e -> {
            LOG.warn("import of {} failed", request.file(), e);
            progressLabel.setText("Import stopped: " + e.getMessage());
        }).onFinally(() -> {
            importing = null;
            closeButton.setText("Close");
        }).start(services.background());
    }

    private void showProgress(ImportProgress p) {
        if (importing == null) {
            return;
        }
        progressBar.setProgress(p.fraction());
        String eta = p.eta().map(d -> " · " + d.toSeconds() + " s left").orElse("");
        progressLabel.setText(Formats.bytes(p.bytesRead()) + " of " + Formats.bytes(p.bytesTotal()) + " · "
                + Formats.count(p.records()) + " records · " + Formats.bytes((long) p.bytesPerSecond()) + "/s" + eta);
    }

    static String summaryText(ImportSummary s, boolean follow) {
        String unparsed = s.unparsed() == 0 ? "" : " (" + Formats.count(s.unparsed()) + " unreadable lines kept as plain text)";
        String how = s.cancelled() ? "Cancelled: " + Formats.count(s.records()) + " records stored" + unparsed
                + "; importing the file again goes on from there."
                : "Imported " + Formats.count(s.records()) + " records" + unparsed
                        + (s.resumedAt() > 0 ? ", going on from where the last import of this file stopped." : ".");
        return how + (follow && !s.cancelled() ? " Following it from now on." : "");
    }

    @FXML
    private void closeOrCancel() {
        if (importing != null) {
            cancelRequested.set(true);
            progressLabel.setText("Cancelling: storing what was read…");
            return;
        }
        if (previewing != null) {
            previewing.cancel();
        }
        onClose.run();
    }

    private static ReadOnlyStringWrapper text(String s) {
        return new ReadOnlyStringWrapper(s == null ? "" : s);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " …";
    }
}
