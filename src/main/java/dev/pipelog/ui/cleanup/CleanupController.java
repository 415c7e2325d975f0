package dev.pipelog.ui.cleanup;

import dev.pipelog.model.CleanupRequest;
import dev.pipelog.model.CleanupResult;
import dev.pipelog.model.PipelineSummary;
import dev.pipelog.ui.common.Formats;
import dev.pipelog.ui.common.UiServices;
import dev.pipelog.ui.common.UiTask;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cleanup dialog: pick what goes, see the dry-run count of exactly that, confirm, watch it run,
 * read what was deleted and what the database file gave back.
 * Every change of the choice re-counts (cancelling the previous count); Cancel deletes nothing.
 * FX thread only.
 */
public final class CleanupController {
    static final String ALL_PIPELINES = "All pipelines";
    private static final Logger LOG = LoggerFactory.getLogger(CleanupController.class);
    private static final int[] PRESET_DAYS = {7, 30, 90};

    private final UiServices services;
    private final ToggleGroup presets = new ToggleGroup();
    private Task<?> counting;
    /** The choice the user sees counted, and the count: what Delete deletes, exactly. */
    private CleanupRequest countedRequest;
    private CleanupResult counted;
    private Consumer<CleanupResult> onDeleted = r -> { };
    private Runnable onClose = () -> { };

    @FXML private HBox presetBox;
    @FXML private ComboBox<String> pipelinePicker;
    @FXML private CheckBox keepLastCheck;
    @FXML private Spinner<Integer> keepLastSpinner;
    @FXML private Label dryRunLabel;
    @FXML private ProgressBar progress;
    @FXML private Button cancelButton;
    @FXML private Button deleteButton;

    public CleanupController(UiServices services) {
        this.services = services;
    }

    @FXML
    private void initialize() {
        int initialDays = services.settings().retentionDays() != null ? services.settings().retentionDays() : 30;
        for (int i = 0; i < PRESET_DAYS.length; i++) {
            int days = PRESET_DAYS[i];
            ToggleButton b = new ToggleButton(days + " days");
            b.setId("older-than-" + days);
            b.setUserData(days);
            b.setToggleGroup(presets);
            b.getStyleClass().add(i == 0 ? "left-pill" : i == PRESET_DAYS.length - 1 ? "right-pill" : "center-pill");
            b.setSelected(days == initialDays);
            presetBox.getChildren().add(b);
        }
        if (presets.getSelectedToggle() == null) {
            presets.selectToggle(presets.getToggles().get(1));
        }
        // A preset stays chosen: clicking the selected one again must not leave "nothing" selected.
        presets.selectedToggleProperty().addListener((obs, was, now) -> {
            if (now == null) {
                presets.selectToggle(was);
            } else {
                recount();
            }
        });
        pipelinePicker.getItems().setAll(ALL_PIPELINES);
        pipelinePicker.getSelectionModel().selectFirst();
        pipelinePicker.valueProperty().addListener((obs, was, now) -> recount());
        keepLastSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 10_000_000, 1_000, 100));
        keepLastSpinner.disableProperty().bind(keepLastCheck.selectedProperty().not());
        keepLastSpinner.valueProperty().addListener((obs, was, now) -> recount());
        keepLastCheck.selectedProperty().addListener((obs, was, now) -> recount());
        UiTask.supply(() -> services.store().pipelines())
                .onSuccess((List<PipelineSummary> all) -> {
                    List<String> items = new ArrayList<>(List.of(ALL_PIPELINES));
                    all.forEach(p -> items.add(p.pipelineId()));
                    String chosen = pipelinePicker.getValue();
                    pipelinePicker.getItems().setAll(items);
                    pipelinePicker.setValue(chosen);
                })
                .onError(e -> LOG.warn("could not list pipelines", e))
                .start(services.background());
        recount();
    }

    void setOnDeleted(Consumer<CleanupResult> action) {
        onDeleted = action;
    }

    void setOnClose(Runnable action) {
        onClose = action;
    }

    /** What the choice deletes, as a dry run or for real. */
    CleanupRequest request(boolean dryRun) {
        int days = (Integer) presets.getSelectedToggle().getUserData();
        String pipeline = ALL_PIPELINES.equals(pipelinePicker.getValue()) ? null : pipelinePicker.getValue();
        Integer keep = keepLastCheck.isSelected() ? keepLastSpinner.getValue() : null;
        return new CleanupRequest(days, pipeline, keep, false, dryRun);
    }

    private void recount() {
        if (counting != null) {
            counting.cancel();
        }
        CleanupRequest dryRun = request(true);
        counted = null;
        deleteButton.setDisable(true);
        dryRunLabel.setText("Counting…");
        counting = UiTask.supply(() -> services.store().cleanup(dryRun, services.pipelineSettings().all()))
                .onSuccess(result -> showCount(dryRun, result, ""))
                .onError(e -> {
                    LOG.warn("cleanup dry run failed", e);
                    dryRunLabel.setText("Could not count: " + e.getMessage());
                })
                .start(services.background());
    }

    private void showCount(CleanupRequest request, CleanupResult result, String preface) {
        countedRequest = request;
        counted = result;
        dryRunLabel.setText(preface + (result.records() == 0 ? "Nothing to delete"
                : Formats.count(result.records()) + " records will be deleted"));
        deleteButton.setDisable(result.records() == 0);
    }

    /**
     * Deletes exactly what the dry run counted: the same cut-off, and only if the count still holds.
     * When records came or went since (a late backfill, another cleanup), nothing is deleted and the
     * new count is shown for the user to confirm.
     */
    @FXML
    private void delete() {
        if (counted == null) {
            return;
        }
        CleanupRequest request = countedRequest.confirming(counted);
        setBusy(true);
        dryRunLabel.setText("Deleting and reclaiming space…");
        UiTask.supply(() -> services.store().cleanup(request, services.pipelineSettings().all()))
                .onSuccess(result -> {
                    setBusy(false);
                    if (result.countChanged()) {
                        showCount(countedRequest, result, "The count changed since: ");
                    } else {
                        showDone(result);
                        onDeleted.accept(result);
                    }
                })
                .onError(e -> {
                    LOG.warn("cleanup failed", e);
                    setBusy(false);
                    dryRunLabel.setText("Cleanup failed: " + e.getMessage());
                })
                .start(services.background());
    }

    /** The dialog stays open with what was done (a popup notification once flashed blank): Cancel becomes Close. */
    private void showDone(CleanupResult result) {
        dryRunLabel.setText(CleanupReport.of(result));
        deleteButton.setDisable(true);
        presetBox.setDisable(true);
        pipelinePicker.setDisable(true);
        keepLastCheck.setDisable(true);
        cancelButton.setText("Close");
        cancelButton.setDefaultButton(true);
    }

    private void setBusy(boolean busy) {
        presetBox.setDisable(busy);
        pipelinePicker.setDisable(busy);
        keepLastCheck.setDisable(busy);
        deleteButton.setDisable(busy);
        cancelButton.setDisable(busy);
        progress.setVisible(busy);
        progress.setManaged(busy);
        progress.setProgress(busy ? ProgressBar.INDETERMINATE_PROGRESS : 0);
    }

    @FXML
    private void cancel() {
        if (counting != null) {
            counting.cancel();
        }
        onClose.run();
    }
}
