package dev.pipelog.ui.importing;

import dev.pipelog.ingest.file.FollowService;
import dev.pipelog.ingest.file.FollowStatus;
import dev.pipelog.ui.common.Formats;
import dev.pipelog.ui.common.UiServices;
import dev.pipelog.ui.common.UiTask;
import java.nio.file.Path;
import java.util.List;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The followed files, with what each has stored and how it is doing, refreshed every second while
 * the list is open; Stop following forgets a file (its records stay). FX thread only; the follow
 * service is asked in background tasks (a follow busy storing holds it).
 */
public final class FollowsController {
    private static final Duration REFRESH = Duration.seconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(FollowsController.class);

    private final UiServices services;
    private final FollowService follows;
    private final Timeline refresher = new Timeline(new KeyFrame(REFRESH, e -> refresh()));
    private Task<?> reading;
    private Runnable onClose = () -> { };

    @FXML private VBox root;
    @FXML private TableView<FollowStatus> followsTable;
    @FXML private TableColumn<FollowStatus, String> fileColumn;
    @FXML private TableColumn<FollowStatus, String> pipelineColumn;
    @FXML private TableColumn<FollowStatus, String> formatColumn;
    @FXML private TableColumn<FollowStatus, String> stateColumn;
    @FXML private TableColumn<FollowStatus, String> recordsColumn;
    @FXML private Button stopButton;
    @FXML private Label errorLabel;

    public FollowsController(UiServices services, FollowService follows) {
        this.services = services;
        this.follows = follows;
    }

    @FXML
    private void initialize() {
        fileColumn.setCellValueFactory(c -> text(c.getValue().request().file().toString()));
        pipelineColumn.setCellValueFactory(c -> text(c.getValue().request().pipelineId().orElse("from the file")));
        formatColumn.setCellValueFactory(c -> text(c.getValue().formatLabel()));
        stateColumn.setCellValueFactory(c -> text(stateText(c.getValue())));
        recordsColumn.setCellValueFactory(c -> text(Formats.count(c.getValue().records())));
        stopButton.disableProperty().bind(followsTable.getSelectionModel().selectedItemProperty().isNull());
        refresher.setCycleCount(Timeline.INDEFINITE);
    }

    /** Starts refreshing; {@link #stop} ends it. */
    public void start() {
        refresh();
        refresher.play();
    }

    public void stop() {
        refresher.stop();
        if (reading != null) {
            reading.cancel();
        }
    }

    public void setOnClose(Runnable action) {
        onClose = action;
    }

    private void refresh() {
        if (reading != null && reading.isRunning()) {
            return;
        }
        reading = UiTask.supply(follows::follows).onSuccess(this::show)
                .onError(e -> failed("Cannot list the followed files", e)).start(services.background());
    }

    private void failed(String what, Throwable e) {
        LOG.warn(what, e);
        errorLabel.setText(what + ": " + e.getMessage());
    }

    private void show(List<FollowStatus> list) {
        errorLabel.setText("");
        Path selected = followsTable.getSelectionModel().getSelectedItem() == null ? null
                : followsTable.getSelectionModel().getSelectedItem().request().file();
        followsTable.getItems().setAll(list);
        if (selected != null) {
            list.stream().filter(f -> f.request().file().equals(selected)).findFirst()
                    .ifPresent(f -> followsTable.getSelectionModel().select(f));
        }
    }

    static String stateText(FollowStatus f) {
        switch (f.state()) {
            case FOLLOWING: return "following";
            case WAITING_FOR_FILE: return "waiting for the file";
            default: return "failing: " + f.lastError().orElse("unknown");
        }
    }

    @FXML
    private void stopSelected() {
        FollowStatus selected = followsTable.getSelectionModel().getSelectedItem();
        if (selected == null) {
            return;
        }
        Path file = selected.request().file();
        UiTask.supply(() -> follows.stop(file)).onSuccess(stopped -> refresh())
                .onError(e -> failed("Cannot stop following " + file, e)).start(services.background());
    }

    @FXML
    private void close() {
        stop();
        onClose.run();
    }

    private static ReadOnlyStringWrapper text(String s) {
        return new ReadOnlyStringWrapper(s == null ? "" : s);
    }
}
