package dev.pipelog.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelog.ui.UiFixture;
import dev.pipelog.ui.common.ControllerFactory;
import dev.pipelog.ui.common.Theme;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The README pictures are made by the app itself, headless, one PNG per view plus the cleanup dialog. */
@ExtendWith(ApplicationExtension.class)
class ScreenshotsTest {
    @TempDir
    Path dir;
    private UiFixture fixture;
    private MainWindowController window;
    private ControllerFactory controllers;

    @Start
    void start(Stage stage) {
        fixture = UiFixture.withDemoData(dir, 5_000);
        controllers = fixture.controllers(dir);
        window = MainWindow.open(stage, controllers, Theme.LIGHT);
    }

    @AfterEach
    void close() throws Exception {
        fixture.closeAfterWindows();
    }

    @Test
    void writesARealPictureOfEveryView() throws Exception {
        List<Path> files = new Screenshots(window, controllers, fixture::backgroundIdle).writeAll(dir.resolve("shots"));

        assertThat(files).extracting(p -> p.getFileName().toString()).contains("explore.png", "cleanup.png");
        BufferedImage explore = ImageIO.read(dir.resolve("shots/explore.png").toFile());
        assertThat(explore.getWidth()).isEqualTo((int) MainWindow.WIDTH);
        assertThat(explore.getHeight()).isEqualTo((int) MainWindow.HEIGHT);
        assertThat(distinctColours(explore)).as("a drawn window, not a blank image").isGreaterThan(20);
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 7) {
            for (int x = 0; x < image.getWidth(); x += 7) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
