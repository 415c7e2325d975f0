package dev.pipelog.ui.importing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelog.model.LogQuery;
import dev.pipelog.model.LogRecord;
import dev.pipelog.ui.UiFixture;
import dev.pipelog.ui.common.Theme;
import dev.pipelog.ui.main.MainWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * File ▸ Open as a user goes through it (controls set and fired on the FX thread): the preview shows the detected format and the first records, a
 * chosen format changes the preview, Import stores the records under the pipeline typed, and a
 * followed file appears in File ▸ Followed files, keeps storing new lines, and can be stopped there.
 */
@ExtendWith(ApplicationExtension.class)
class ImportDialogTest {
    @TempDir
    Path dir;
    private UiFixture fixture;
    private Stage window;

    @Start
    void start(Stage stage) {
        fixture = UiFixture.open(dir);
        window = stage;
        MainWindow.open(stage, fixture.controllers(dir), Theme.LIGHT);
    }

    @AfterEach
    void close() throws Exception {
        fixture.closeAfterWindows();
    }

    private Path pythonLog(int records) throws Exception {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < records; i++) {
            s.append(String.format("2026-12-07 10:00:%02d,000 - dlt.load - %s - batch %d loaded%n", i % 60,
                    i == 3 ? "ERROR" : "INFO", i));
            if (i == 3) {
                s.append("Traceback (most recent call last):\n  File \"load.py\", line 3, in run\nValueError: bad row\n");
            }
        }
        Path file = dir.resolve("nightly_load.log");
        Files.writeString(file, s);
        return file;
    }

    private long stored(String pipeline) {
        return fixture.store.count(LogQuery.builder().pipelineId(pipeline).build());
    }

    /**
     * A label of the import dialog: looked up from the dialog's own scene, since the main window
     * behind it (an empty store shows the first-start view) has a {@code #progressLabel} too, and
     * a lookup over every window may find that one first.
     */
    private static String text(FxRobot robot, String query) {
        return inDialog(robot, query).queryAs(Label.class).getText();
    }

    /** Explore's {@code #pipelineField} is another reason to look only inside the dialog. */
    private static org.testfx.service.query.NodeQuery inDialog(FxRobot robot, String query) {
        javafx.scene.Node dialog = robot.lookup("#importButton").query().getScene().getRoot();
        return robot.from(dialog).lookup(query);
    }

    @Test
    void previewOverrideImportAndFollow(FxRobot robot) throws Exception {
        Path file = pythonLog(30);
        robot.interact(() -> new FileDialogs(fixture.controllers(dir), Theme.LIGHT).open(window, file, s -> { }));

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> text(robot, "#previewLabel").contains("(detected)"));
        assertThat(text(robot, "#previewLabel"))
                .startsWith("Format: Python logging %(asctime)s - %(name)s - %(levelname)s - %(message)s (detected)");
        TableView<LogRecord> preview = inDialog(robot, "#previewTable").queryTableView();
        assertThat(preview.getItems()).hasSize(30);
        assertThat(preview.getItems().get(3).message()).isEqualTo("batch 3 loaded");
        assertThat(preview.getItems().get(3).stackTrace()).contains("ValueError: bad row");

        ComboBox<FormatChoice> formats = inDialog(robot, "#formatPicker").queryComboBox();
        robot.interact(() -> formats.getSelectionModel().select(
                new FormatChoice(java.util.Optional.of(dev.pipelog.ingest.file.FileFormat.Kind.PLAIN))));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> text(robot, "#previewLabel").startsWith("Format: plain text"));
        // Plain text takes the leading time as the record's time and the rest of the line as its message.
        assertThat(preview.getItems().get(0).message()).isEqualTo("- dlt.load - INFO - batch 0 loaded");
        assertThat(preview.getItems().get(0).logger()).isNull();
        robot.interact(() -> formats.getSelectionModel().select(FormatChoice.DETECT));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> text(robot, "#previewLabel").contains("(detected)"));

        // Set and fired on the FX thread rather than clicked: with two windows open, where a click
        // lands depends on their stacking, which is not what this test is about.
        robot.interact(() -> {
            inDialog(robot, "#pipelineField").queryTextInputControl().setText("daily_sales");
            inDialog(robot, "#followCheck").queryAs(javafx.scene.control.CheckBox.class).setSelected(true);
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !robot.lookup("#importButton").queryButton().isDisabled());
        robot.interact(() -> robot.lookup("#importButton").queryButton().fire());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            String said = text(robot, "#progressLabel");
            return said.startsWith("Imported") || said.startsWith("Import stopped");
        });
        assertThat(text(robot, "#progressLabel")).isEqualTo("Imported 30 records. Following it from now on.");
        assertThat(stored("daily_sales")).isEqualTo(30);

        robot.interact(() -> robot.lookup("#fileMenu").queryAs(javafx.scene.control.MenuButton.class).getItems().stream()
                .filter(item -> "followsItem".equals(item.getId())).findFirst().orElseThrow().fire());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> robot.lookup("#followsTable").queryTableView().getItems().size() == 1);
        Files.writeString(file, "2026-12-07 10:01:00,000 - dlt.load - WARNING - written after the import\n",
                StandardOpenOption.APPEND);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> stored("daily_sales") == 31);
        // The follow goes on from where the import stopped: it stored the one new line.
        TableView<dev.pipelog.ingest.file.FollowStatus> followsTable = robot.lookup("#followsTable").queryTableView();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> followsTable.getItems().size() == 1
                && followsTable.getItems().get(0).records() == 1);
        assertThat(FollowsController.stateText(followsTable.getItems().get(0))).isEqualTo("following");

        robot.interact(() -> followsTable.getSelectionModel().select(0));
        robot.interact(() -> robot.lookup("#stopButton").queryButton().fire());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> robot.lookup("#followsTable").queryTableView().getItems().isEmpty());
        assertThat(fixture.engine.files().follows().follows()).isEmpty();
    }
}
