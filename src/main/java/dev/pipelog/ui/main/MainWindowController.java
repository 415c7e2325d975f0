package dev.pipelog.ui.main;

import dev.pipelog.model.LogQuery;
import dev.pipelog.ui.cleanup.CleanupDialog;
import dev.pipelog.ui.importing.FileDialogs;
import dev.pipelog.ui.common.ControllerFactory;
import dev.pipelog.ui.common.FeatureView;
import dev.pipelog.ui.common.Navigator;
import dev.pipelog.ui.common.Theme;
import dev.pipelog.ui.common.UiPreferences;
import dev.pipelog.ui.common.UiServices;
import dev.pipelog.ui.common.UiTask;
import dev.pipelog.ui.common.ViewLoader;
import dev.pipelog.ui.common.Views;
import dev.pipelog.ui.explore.ExploreController;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.fxml.FXML;
import javafx.scene.input.TransferMode;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import org.controlsfx.control.StatusBar;
import org.kordamp.ikonli.javafx.FontIcon;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window's shell: one tab per feature view, the toolbar (live tail, cleanup, theme), the
 * status bar and the first-start empty state. Implements {@link Navigator} so views can link to
 * each other. FX thread only.
 */
public final class MainWindowController implements Navigator {
    private static final Logger LOG = LoggerFactory.getLogger(MainWindowController.class);
    private final UiServices services;
    private final ControllerFactory controllers;
    private final UiPreferences preferences;
    private final Map<Views, FeatureTab> tabs = new EnumMap<>(Views.class);
    private Theme theme;
    private StatusBarPresenter status;
    /** The pipeline id under which the engine stores Pipelog's own logs. */
    static final String OWN_LOGS_PIPELINE = "pipelog";

    private Node emptyState;
    private long storedWhenLastChecked = -1;
    private EmptyStateController emptyStateController;
    private ExploreController explore;

    @FXML private BorderPane root;
    @FXML private StackPane content;
    @FXML private TabPane tabPane;
    @FXML private ToggleButton liveTailToggle;
    @FXML private Button cleanupButton;
    @FXML private FontIcon themeIcon;
    @FXML private StatusBar statusBar;

    public MainWindowController(UiServices services, ControllerFactory controllers, UiPreferences preferences) {
        this.services = services;
        this.controllers = controllers;
        this.preferences = preferences;
    }

    @FXML
    private void initialize() {
        ViewLoader loader = new ViewLoader(controllers.with(this));
        for (Views view : Views.features()) {
            FeatureTab tab = new FeatureTab(view, loader);
            tabs.put(view, tab);
            tabPane.getTabs().add(tab.tab());
        }
        // Explore is the first tab, shown at start: load it now, the others when first needed.
        explore = (ExploreController) controller(Views.EXPLORE);
        liveTailToggle.selectedProperty().bindBidirectional(explore.liveTailProperty());
        tabPane.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> {
            tabOf(was).flatMap(FeatureTab::featureIfLoaded).ifPresent(FeatureView::onHide);
            tabOf(now).flatMap(FeatureTab::feature).ifPresent(FeatureView::onShow);
        });
        status = new StatusBarPresenter(statusBar, services, this::storedCountArrived);
        root.sceneProperty().addListener((obs, was, scene) -> {
            if (scene != null) {
                installShortcuts(scene);
            }
        });
        ViewLoader.Loaded<EmptyStateController> empty = loader.load(Views.EMPTY_STATE);
        empty.controller().setOnLoaded(this::leaveEmptyState);
        emptyState = empty.root();
        emptyStateController = empty.controller();
        emptyState.setVisible(false);
        content.getChildren().add(emptyState);
        acceptDroppedFiles(); // File ▸ Open and drops: see FileDialogs (ui/importing)
    }

    /**
     * Starts polling and shows the first view, or the empty state when nothing is stored yet (then
     * loading demo data at once when {@code loadDemoIfEmpty}, as {@code --demo} asks).
     */
    public void start(Theme initialTheme, boolean loadDemoIfEmpty) {
        theme = initialTheme;
        applyTheme();
        status.start();
        UiTask.supply(this::hasPipelineRecords)
                .onSuccess(hasRecords -> {
                    if (!hasRecords) {
                        emptyState.setVisible(true);
                        if (loadDemoIfEmpty) {
                            emptyStateController.loadDemo();
                        }
                    }
                    showSelectedView();
                })
                .onError(e -> {
                    // Not knowing whether anything is stored is no reason to show nothing.
                    backgroundFailed("Could not read the stored pipelines", e);
                    showSelectedView();
                })
                .start(services.background());
    }

    public void stop() {
        status.stop();
        tabs.values().stream().flatMap(tab -> tab.featureIfLoaded().stream()).forEach(FeatureView::onHide);
    }

    public BorderPane root() {
        return root;
    }

    /** Shows a feature view, as Ctrl+1..4 does. */
    public void select(Views view) {
        FeatureTab tab = tabs.get(view);
        if (tab != null) {
            tabPane.getSelectionModel().select(tab.tab());
        }
    }

    public List<Views> featureViews() {
        return List.copyOf(tabs.keySet());
    }

    @Override
    public void showRecords(LogQuery query) {
        select(Views.EXPLORE);
        explore.open(query);
    }

    @Override
    public void showCorrelation(String correlationId) {
        select(Views.CORRELATION);
        LinkedViews.openCorrelation(controller(Views.CORRELATION), correlationId);
    }

    @Override
    public void showPipeline(String pipelineId, String executionId) {
        select(Views.PIPELINES);
        LinkedViews.openPipeline(controller(Views.PIPELINES), pipelineId, executionId);
    }

    @FXML
    private void openCleanup() {
        new CleanupDialog(controllers, theme).show(root.getScene().getWindow(), this::recordsChanged);
    }

    /** File ▸ Open log file… (Ctrl+O): a file chooser, then the Open dialog with its preview. */
    @FXML
    private void openFile() {
        fileDialogs().chooseAndOpen(root.getScene().getWindow(), summary -> recordsChanged());
    }

    @FXML
    private void showFollows() {
        fileDialogs().showFollows(root.getScene().getWindow());
    }

    private FileDialogs fileDialogs() {
        return new FileDialogs(controllers, theme);
    }

    /** Log files dropped onto the window open the Open dialog, one per file. */
    private void acceptDroppedFiles() {
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        root.setOnDragDropped(e -> {
            boolean any = e.getDragboard().hasFiles();
            if (any) {
                for (java.io.File f : e.getDragboard().getFiles()) {
                    fileDialogs().open(root.getScene().getWindow(), f.toPath(), summary -> recordsChanged());
                }
            }
            e.setDropCompleted(any);
            e.consume();
        });
    }

    @FXML
    private void toggleTheme() {
        theme = theme.other();
        applyTheme();
        Theme chosen = theme;
        UiTask.supply(() -> {
            preferences.setTheme(chosen);
            return chosen;
        }).onError(e -> backgroundFailed("Could not save the theme", e)).start(services.background());
    }

    private void applyTheme() {
        theme.apply(root);
        themeIcon.setIconLiteral(theme == Theme.LIGHT ? "fth-moon" : "fth-sun");
    }

    /**
     * True when some pipeline has sent records. Pipelog's own logs, which the engine stores from its
     * first second, do not count: a store holding only them is still a first start.
     */
    private boolean hasPipelineRecords() {
        return services.store().pipelines().stream().anyMatch(p -> !OWN_LOGS_PIPELINE.equals(p.pipelineId()));
    }

    private void storedCountArrived(long stored) {
        if (!emptyState.isVisible() || emptyStateController.isLoading() || stored == storedWhenLastChecked) {
            return;
        }
        storedWhenLastChecked = stored;
        // Records arrived while the empty state was showing: leave it once a pipeline sent some.
        UiTask.supply(this::hasPipelineRecords)
                .onSuccess(has -> {
                    if (has && emptyState.isVisible() && !emptyStateController.isLoading()) {
                        leaveEmptyState();
                    }
                })
                .onError(e -> backgroundFailed("Could not read the stored pipelines", e))
                .start(services.background());
    }

    private void showSelectedView() {
        tabOf(tabPane.getSelectionModel().getSelectedItem()).flatMap(FeatureTab::feature).ifPresent(FeatureView::onShow);
    }

    /** A failure of the shell's own background work: logged with its cause and shown in the status bar. */
    private void backgroundFailed(String what, Throwable e) {
        LOG.warn("{}", what, e);
        status.showProblem(what + ": " + e.getMessage());
    }

    private void leaveEmptyState() {
        emptyState.setVisible(false);
        recordsChanged();
    }

    private void recordsChanged() {
        explore.search();
    }

    private void installShortcuts(Scene scene) {
        var accelerators = scene.getAccelerators();
        accelerators.put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), () -> {
            select(Views.EXPLORE);
            explore.focusSearch();
        });
        accelerators.put(new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN),
                () -> liveTailToggle.setSelected(!liveTailToggle.isSelected()));
        accelerators.put(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), this::openFile);
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4};
        List<Views> features = Views.features();
        for (int i = 0; i < Math.min(digits.length, features.size()); i++) {
            Views view = features.get(i);
            accelerators.put(new KeyCodeCombination(digits[i], KeyCombination.SHORTCUT_DOWN), () -> select(view));
        }
    }

    /** A feature view's controller, loading the view if nothing needed it before. */
    private Object controller(Views view) {
        return tabs.get(view).controller();
    }

    private Optional<FeatureTab> tabOf(Tab tab) {
        return tabs.values().stream().filter(t -> t.tab() == tab).findFirst();
    }
}
