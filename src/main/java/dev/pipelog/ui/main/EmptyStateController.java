package dev.pipelog.ui.main;

import dev.pipelog.ui.common.DemoDataLoader;
import dev.pipelog.ui.common.Formats;
import dev.pipelog.ui.common.UiServices;
import dev.pipelog.ui.common.UiTask;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a first start with an empty store shows: how to send logs to this listener (with its real
 * port) and a button that loads demo data, with progress. FX thread only.
 */
public final class EmptyStateController {
    static final int DEMO_RECORDS = 150_000;
    private static final Logger LOG = LoggerFactory.getLogger(EmptyStateController.class);

    private final UiServices services;
    private final DemoDataLoader demoData;
    private Runnable onLoaded = () -> { };
    private boolean loading;

    @FXML private StackPane root;
    @FXML private TextArea curlCommand;
    @FXML private TextArea pythonSnippet;
    @FXML private Button loadDemoButton;
    @FXML private ProgressBar progress;
    @FXML private Label progressLabel;

    public EmptyStateController(UiServices services, DemoDataLoader demoData) {
        this.services = services;
        this.demoData = demoData;
    }

    @FXML
    private void initialize() {
        String url = services.listenerUrl();
        curlCommand.setText(FirstStartSnippets.curl(url));
        pythonSnippet.setText(FirstStartSnippets.python(url));
    }

    /** Called on the FX thread once demo data is stored. */
    void setOnLoaded(Runnable action) {
        onLoaded = action;
    }

    /** True while demo data is being loaded (the window keeps showing the progress). */
    boolean isLoading() {
        return loading;
    }

    /** Loads demo data with progress, as the button does. */
    @FXML
    void loadDemo() {
        AtomicLong stored = new AtomicLong();
        loading = true;
        loadDemoButton.setDisable(true);
        progress.setVisible(true);
        progress.setProgress(0);
        // The loader reports from its own thread, often; one timer moves that into the scene.
        Timeline pulse = new Timeline(new KeyFrame(Duration.millis(100), e -> {
            progress.setProgress((double) stored.get() / DEMO_RECORDS);
            progressLabel.setText(Formats.count(stored.get()) + " records stored");
        }));
        pulse.setCycleCount(Animation.INDEFINITE);
        pulse.play();
        UiTask.supply(() -> demoData.load(DEMO_RECORDS, stored::set))
                .onSuccess(n -> {
                    progress.setProgress(1);
                    progressLabel.setText(Formats.count(n) + " records stored");
                    onLoaded.run();
                })
                .onError(e -> {
                    LOG.warn("demo data could not be loaded", e);
                    progressLabel.setText("Could not load demo data: " + e.getMessage());
                    loadDemoButton.setDisable(false);
                })
                .onFinally(() -> {
                    pulse.stop();
                    loading = false;
                })
                .start(services.background());
    }

    @FXML
    private void copyCurl() {
        copy(curlCommand.getText());
    }

    @FXML
    private void copyPython() {
        copy(pythonSnippet.getText());
    }

    private static void copy(String text) {
        ClipboardContent c = new ClipboardContent();
        c.putString(text);
        Clipboard.getSystemClipboard().setContent(c);
    }
}
