package dev.pipelog.ui.pipelines;

import static dev.pipelog.ui.pipelines.ViewTestSupport.onFx;
import static dev.pipelog.ui.pipelines.ViewTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelog.ingest.JsonFilePipelineSettings;
import dev.pipelog.model.ExecutionStatus;
import dev.pipelog.model.ExecutionSummary;
import dev.pipelog.model.Level;
import dev.pipelog.model.LogQuery;
import dev.pipelog.model.PipelineSettings;
import dev.pipelog.model.PipelineSummary;
import dev.pipelog.store.LogStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/** The Pipelines view model against a store of demo data, without a robot. */
class PipelinesViewModelTest {
    @TempDir
    static Path dir;
    private static LogStore store;
    private static ExecutorService background;
    private JsonFilePipelineSettings settings;
    private PipelinesViewModel model;

    @BeforeAll
    static void fillStore() throws Exception {
        FxToolkit.registerPrimaryStage();
        store = DemoStores.open(dir, 6_000, Instant.now(), Duration.ofHours(12));
        background = ViewTestSupport.background();
    }

    @AfterAll
    static void closeStore() {
        background.shutdownNow();
        store.close();
    }

    @BeforeEach
    void newModel() {
        settings = ViewTestSupport.settings(dir);
        model = onFx(() -> new PipelinesViewModel(store, settings, background));
    }

    @Test
    void listsEveryPipelineOfTheStoreAndOpensTheMostRecentlyActive() {
        onFx(model::refresh);
        waitUntil(() -> !model.pipelines().isEmpty());
        assertThat(onFx(() -> List.copyOf(model.pipelines())))
                .extracting(PipelineSummary::pipelineId)
                .containsExactlyElementsOf(store.pipelines().stream().map(PipelineSummary::pipelineId).toList());
        String mostRecent = store.pipelines().stream().max(java.util.Comparator.comparing(PipelineSummary::lastSeen))
                .orElseThrow().pipelineId();
        waitUntil(() -> mostRecent.equals(model.selectedPipelineProperty().get()) && !model.executions().isEmpty());
    }

    @Test
    void selectingAPipelineListsItsExecutions() {
        String pipeline = busiestPipeline();
        onFx(() -> model.selectPipeline(pipeline));
        waitUntil(() -> !model.executions().isEmpty());
        assertThat(onFx(() -> List.copyOf(model.executions())))
                .containsExactlyElementsOf(store.executions(pipeline, null, null, PipelinesViewModel.EXECUTION_LIMIT));
    }

    @Test
    void aFailedExecutionShowsLanesWithItsErrorsAndAllItsLogsPageByPage() {
        ExecutionSummary failed = anyExecution(store, ExecutionStatus.FAILED);
        onFx(() -> model.open(failed.pipelineId(), failed.executionId()));
        waitUntil(() -> model.detailProperty().get() != null);

        ExecutionDetail detail = onFx(() -> model.detailProperty().get());
        long total = store.count(LogQuery.builder().pipelineId(failed.pipelineId()).executionId(failed.executionId()).build());
        assertThat(detail.total()).isEqualTo(total);
        assertThat(detail.lanes()).isNotEmpty();
        assertThat(detail.lanes().stream().mapToLong(StageLane::errors).sum())
                .isEqualTo(failed.countsByLevel().getOrDefault(Level.ERROR, 0L)
                        + failed.countsByLevel().getOrDefault(Level.CRITICAL, 0L));
        while (onFx(() -> model.moreLogsProperty().get())) {
            int before = onFx(() -> model.logs().size());
            onFx(model::loadMoreLogs);
            waitUntil(() -> model.logs().size() > before);
        }
        assertThat(onFx(() -> model.logs().size())).isEqualTo((int) total);
        assertThat(onFx(() -> model.selectedExecutionQuery().orElseThrow()).executionId()).isEqualTo(failed.executionId());
    }

    @Test
    void invalidRetentionIsRefusedAndNothingIsSaved() {
        String pipeline = busiestPipeline();
        onFx(() -> model.selectPipeline(pipeline));
        waitUntil(() -> model.settings().messageProperty().get().startsWith("No rules"));
        onFx(() -> model.settings().retentionDaysProperty().set("two weeks"));
        onFx(() -> model.settings().save());
        assertThat(onFx(() -> model.settings().invalidProperty().get())).isTrue();
        assertThat(onFx(() -> model.settings().messageProperty().get())).contains("whole number of days");
        assertThat(settings.get(pipeline)).isEmpty();
    }

    @Test
    void validSettingsAreSavedAndShownBackWhenThePipelineIsOpenedAgain() {
        String pipeline = busiestPipeline();
        onFx(() -> model.selectPipeline(pipeline));
        waitUntil(() -> model.settings().messageProperty().get().startsWith("No rules"));
        onFx(() -> {
            model.settings().minLevelProperty().set(Level.WARNING);
            model.settings().retentionDaysProperty().set("14");
            model.settings().save();
        });
        waitUntil(() -> model.settings().messageProperty().get().startsWith("Saved"));
        assertThat(settings.get(pipeline)).contains(new PipelineSettings(pipeline, Level.WARNING, 14));

        PipelinesViewModel fresh = onFx(() -> new PipelinesViewModel(store, settings, background));
        onFx(() -> fresh.selectPipeline(pipeline));
        waitUntil(() -> "14".equals(fresh.settings().retentionDaysProperty().get()));
        assertThat(onFx(() -> fresh.settings().minLevelProperty().get())).isEqualTo(Level.WARNING);
    }

    private static String busiestPipeline() {
        return store.pipelines().stream().max(java.util.Comparator.comparingLong(PipelineSummary::executions))
                .orElseThrow().pipelineId();
    }

    static ExecutionSummary anyExecution(LogStore store, ExecutionStatus status) {
        return store.pipelines().stream()
                .flatMap(p -> store.executions(p.pipelineId(), null, null, 1000).stream())
                .filter(e -> e.status() == status).findFirst().orElseThrow();
    }
}
