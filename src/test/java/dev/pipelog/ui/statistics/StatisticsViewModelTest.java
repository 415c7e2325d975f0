package dev.pipelog.ui.statistics;

import static dev.pipelog.ui.pipelines.ViewTestSupport.onFx;
import static dev.pipelog.ui.pipelines.ViewTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelog.model.Level;
import dev.pipelog.model.LogQuery;
import dev.pipelog.model.PipelineSummary;
import dev.pipelog.model.Stats;
import dev.pipelog.model.TimeBound;
import dev.pipelog.store.LogStore;
import dev.pipelog.ui.pipelines.DemoStores;
import dev.pipelog.ui.pipelines.ViewTestSupport;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/** The Statistics view model against demo data ending three hours ago, without a robot. */
class StatisticsViewModelTest {
    @TempDir
    static Path dir;
    private static LogStore store;
    private static ExecutorService background;

    @BeforeAll
    static void fillStore() throws Exception {
        FxToolkit.registerPrimaryStage();
        store = DemoStores.open(dir, 5_000, Instant.now().minus(Duration.ofHours(3)), Duration.ofHours(12));
        background = ViewTestSupport.background();
    }

    @AfterAll
    static void closeStore() {
        background.shutdownNow();
        store.close();
    }

    @Test
    void windowAndPipelineEachReloadTheAggregates() {
        StatisticsViewModel model = onFx(() -> new StatisticsViewModel(store, background));
        onFx(model::refresh);
        waitUntil(() -> model.statsProperty().get() != null && !model.pipelines().isEmpty());
        assertThat(onFx(() -> List.copyOf(model.pipelines())))
                .containsExactlyElementsOf(store.pipelines().stream().map(PipelineSummary::pipelineId).toList());
        assertThat(onFx(() -> model.statsProperty().get().total())).isEqualTo(5_000);

        onFx(() -> model.windowProperty().set(TimeWindow.LAST_HOUR));
        waitUntil(() -> model.statsProperty().get().total() == 0);

        String pipeline = store.pipelines().get(2).pipelineId();
        onFx(() -> {
            model.windowProperty().set(TimeWindow.ALL);
            model.pipelineProperty().set(pipeline);
        });
        long total = store.count(LogQuery.builder().pipelineId(pipeline).build());
        waitUntil(() -> model.statsProperty().get().total() == total);
        Stats stats = onFx(() -> model.statsProperty().get());
        assertThat(stats.pipelines()).extracting(Stats.PipelineStats::pipelineId).containsExactly(pipeline);
        assertThat(stats.byLevel().getOrDefault(Level.ERROR, 0L))
                .isEqualTo(store.count(LogQuery.builder().pipelineId(pipeline).levels(Set.of(Level.ERROR)).build()));
        assertThat(onFx(model::query).since()).isNull();
    }

    @Test
    void presetsAreRelativeToWhenTheQueryRuns() {
        assertThat(TimeWindow.LAST_DAY.since()).isEqualTo(TimeBound.ago(Duration.ofHours(24)));
        assertThat(TimeWindow.LAST_MONTH.since()).isEqualTo(TimeBound.ago(Duration.ofDays(30)));
        assertThat(TimeWindow.ALL.since()).isNull();
    }
}
