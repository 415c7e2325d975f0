package dev.pipelog.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelog.model.LogQuery;
import dev.pipelog.ui.UiFixture;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** Every FXML the window uses loads, with its controller built by the controller factory. */
@ExtendWith(ApplicationExtension.class)
class ViewsTest {
    @TempDir
    static Path dir;
    private static UiFixture fixture;

    @BeforeAll
    static void openStore() {
        fixture = UiFixture.open(dir);
    }

    @AfterAll
    static void closeStore() {
        fixture.close();
    }

    @Test
    void everyViewLoadsWithItsController() throws Exception {
        Navigator navigator = new Navigator() {
            @Override
            public void showRecords(LogQuery query) {
            }

            @Override
            public void showCorrelation(String correlationId) {
            }

            @Override
            public void showPipeline(String pipelineId, String executionId) {
            }
        };
        ViewLoader loader = new ViewLoader(fixture.controllers(dir).with(navigator));
        for (Views view : Views.values()) {
            ViewLoader.Loaded<Object> loaded = onFx(() -> loader.load(view));
            assertThat(loaded.root()).as(view.name()).isNotNull();
            assertThat(loaded.controller()).as(view.name()).isNotNull();
        }
    }

    @Test
    void featureViewsAreTheTabsInOrder() {
        assertThat(Views.features()).first().isEqualTo(Views.EXPLORE);
        assertThat(Views.features()).allSatisfy(v -> assertThat(v.icon()).startsWith("fth-"));
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get();
    }
}
