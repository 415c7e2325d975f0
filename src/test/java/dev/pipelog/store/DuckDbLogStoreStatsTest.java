package dev.pipelog.store;

import static dev.pipelog.store.StoreFixtures.T0;
import static dev.pipelog.store.StoreFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelog.ingest.demo.DemoGenerator;
import dev.pipelog.model.ExecutionStatus;
import dev.pipelog.model.Level;
import dev.pipelog.model.LogQuery;
import dev.pipelog.model.Stats;
import dev.pipelog.model.StatsQuery;
import dev.pipelog.model.TimeBound;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbLogStoreStatsTest {
    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    @TempDir
    Path dir;
    DuckDbLogStore store;

    @BeforeEach
    void open() {
        store = StoreFixtures.openAt(dir, NOW);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void totalsLevelsPipelinesAndHistogramAllAgreeWithCounts() {
        store.append(new DemoGenerator(5, NOW, Duration.ofDays(2), 20_000).next(20_000), false);

        Stats all = store.stats(StatsQuery.all());

        assertThat(all.total()).isEqualTo(20_000).isEqualTo(store.totalCount());
        assertThat(all.byLevel().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(all.total());
        assertThat(all.histogram().total()).isEqualTo(all.total());
        for (Level level : Level.values()) {
            assertThat(all.byLevel().getOrDefault(level, 0L))
                    .isEqualTo(store.count(LogQuery.builder().levels(Set.of(level)).build()));
        }
        assertThat(all.uniquePipelines()).isEqualTo(all.pipelines().size()).isGreaterThanOrEqualTo(8);
        for (Stats.PipelineStats p : all.pipelines()) {
            long errors = store.count(LogQuery.builder().pipelineId(p.pipelineId())
                    .levels(Set.of(Level.ERROR, Level.CRITICAL)).build());
            assertThat(p.total()).isEqualTo(store.count(LogQuery.builder().pipelineId(p.pipelineId()).build()));
            assertThat(p.errors()).isEqualTo(errors);
            assertThat(p.errorRate()).isEqualTo((double) errors / p.total());
        }
        int bars = all.histogram().buckets().size();
        assertThat(bars).isBetween(30, 121);
        assertThat(all.executionsByStatus().get(ExecutionStatus.FAILED)).isPositive();
        assertThat(all.executionsByStatus().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(store.pipelines().stream().mapToLong(p -> p.executions()).sum());
        assertThat(all.topErrorLoggers()).isNotEmpty();
        assertThat(all.topErrorLoggers().get(0).count())
                .isGreaterThanOrEqualTo(all.topErrorLoggers().get(all.topErrorLoggers().size() - 1).count());
    }

    @Test
    void theHistogramAloneIsTheOneStatsShowsForEveryWindow() {
        store.append(new DemoGenerator(6, NOW, Duration.ofDays(2), 5_000).next(5_000), false);
        String pipeline = store.pipelines().get(0).pipelineId();

        for (StatsQuery q : List.of(StatsQuery.all(),
                new StatsQuery(null, TimeBound.ago(Duration.ofHours(7)), null, null),
                // Bounds off the minute: counted partly from the minute summaries, partly from the records.
                new StatsQuery(pipeline, TimeBound.at(NOW.minus(Duration.ofMinutes(90)).plusSeconds(17)),
                        TimeBound.at(NOW.minusSeconds(5)), null))) {
            Stats.Histogram alone = store.histogram(q);
            assertThat(alone).as("%s", q).isEqualTo(store.stats(q).histogram());
            assertThat(alone.total()).as("%s", q).isEqualTo(store.stats(q).total());
        }
    }

    @Test
    void aSearchsHistogramCountsWhatTheSearchMatchesOverTheSameBars() {
        store.append(new DemoGenerator(7, NOW, Duration.ofDays(2), 8_000).next(8_000), false);
        String pipeline = store.pipelines().get(0).pipelineId();
        TimeBound lastDay = TimeBound.ago(Duration.ofDays(1));

        for (LogQuery q : List.of(
                LogQuery.builder().text("ROWS").build(),
                LogQuery.builder().text("fail").since(lastDay).build(),
                LogQuery.builder().text("[0-9]+ rows").regex(true).pipelineId(pipeline).build(),
                LogQuery.builder().levels(Set.of(Level.ERROR, Level.CRITICAL)).build(),
                LogQuery.builder().pipelineId(pipeline).loggerPrefix(store.find(LogQuery.builder()
                        .pipelineId(pipeline).build()).items().get(0).logger()).build())) {
            Stats.Histogram h = store.histogram(q);
            assertThat(h.total()).as("%s", q).isEqualTo(store.count(q)).isPositive();
            for (Level level : Level.values()) {
                long inBars = h.buckets().stream().mapToLong(b -> b.counts().getOrDefault(level, 0L)).sum();
                boolean wanted = q.levels().isEmpty() || q.levels().contains(level);
                long expected = wanted ? store.count(q.toBuilder().levels(Set.of(level)).build()) : 0;
                assertThat(inBars).as("%s %s", q, level).isEqualTo(expected);
            }
            // The same bars as the unfiltered histogram of that pipeline and time range.
            Stats.Histogram unfiltered = store.histogram(new StatsQuery(q.pipelineId(), q.since(), q.until(), null));
            assertThat(h.bucket()).isEqualTo(unfiltered.bucket());
            assertThat(h.buckets().get(0).start()).isEqualTo(unfiltered.buckets().get(0).start());
        }
        // Only pipeline and time: exactly the histogram of that window.
        LogQuery window = LogQuery.builder().pipelineId(pipeline).since(lastDay).build();
        assertThat(store.histogram(window)).isEqualTo(store.histogram(new StatsQuery(pipeline, lastDay, null, null)));
    }

    @Test
    void histogramOfAWindowHasContiguousAlignedBucketsIncludingEmptyOnes() {
        store.append(List.of(
                record("a", NOW.minus(Duration.ofMinutes(50)), Level.INFO, "x").pipelineId("p").build(),
                record("b", NOW.minus(Duration.ofMinutes(50)), Level.ERROR, "x").pipelineId("p").build(),
                record("c", NOW.minus(Duration.ofMinutes(5)), Level.WARNING, "x").pipelineId("q").build(),
                record("old", NOW.minus(Duration.ofHours(3)), Level.INFO, "x").pipelineId("p").build()), false);

        Stats lastHour = store.stats(new StatsQuery(null, TimeBound.ago(Duration.ofHours(1)), null, null));

        Stats.Histogram h = lastHour.histogram();
        assertThat(h.bucket()).as("the smallest round bucket giving at most 120 bars").isEqualTo(Duration.ofSeconds(30));
        assertThat(h.buckets()).hasSize(120);
        assertThat(h.buckets().get(0).start()).isEqualTo(NOW.minus(Duration.ofHours(1)));
        for (int i = 1; i < h.buckets().size(); i++) {
            assertThat(h.buckets().get(i).start()).isEqualTo(h.buckets().get(i - 1).start().plus(h.bucket()));
        }
        assertThat(h.buckets().get(20).counts()).isEqualTo(Map.of(Level.INFO, 1L, Level.ERROR, 1L));
        assertThat(h.buckets().get(110).counts()).isEqualTo(Map.of(Level.WARNING, 1L));
        assertThat(h.buckets().stream().filter(b -> b.total() == 0)).hasSize(118);
        assertThat(lastHour.total()).isEqualTo(3).isEqualTo(h.total());
        assertThat(lastHour.pipelines()).extracting(Stats.PipelineStats::pipelineId).containsExactly("p", "q");
        assertThat(lastHour.pipelines().get(0).errorRate()).isEqualTo(0.5);
    }

    @Test
    void givenBucketIsUsedAndPipelineFilterApplies() {
        store.append(List.of(
                record("a", T0, Level.INFO, "x").pipelineId("p").build(),
                record("b", T0.plusSeconds(7200), Level.INFO, "x").pipelineId("p").build(),
                record("c", T0, Level.INFO, "x").pipelineId("q").build()), false);

        Stats s = store.stats(new StatsQuery("p", TimeBound.at(T0), TimeBound.at(T0.plusSeconds(3 * 3600)),
                Duration.ofMinutes(30)));

        assertThat(s.total()).isEqualTo(2);
        assertThat(s.histogram().bucket()).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.histogram().buckets()).hasSize(6);
        assertThat(s.histogram().buckets().get(4).total()).isEqualTo(1);
        assertThat(s.uniquePipelines()).isEqualTo(1);
    }

    @Test
    void windowsWithEdgesInsideAMinuteStillCountExactly() {
        store.append(new DemoGenerator(6, NOW, Duration.ofDays(2), 20_000).next(20_000), false);
        List<TimeBound[]> windows = List.of(
                new TimeBound[] {TimeBound.at(NOW.minus(Duration.ofDays(1)).plusSeconds(17)),
                        TimeBound.at(NOW.minus(Duration.ofHours(3)).minusSeconds(5))},
                new TimeBound[] {TimeBound.at(NOW.minus(Duration.ofHours(30)).plusMillis(1)), null},
                new TimeBound[] {null, TimeBound.at(NOW.minus(Duration.ofHours(20)).plusSeconds(31))},
                new TimeBound[] {TimeBound.at(NOW.minus(Duration.ofHours(5)).plusSeconds(10)),
                        TimeBound.at(NOW.minus(Duration.ofHours(5)).plusSeconds(50))});

        for (TimeBound[] w : windows) {
            Stats s = store.stats(new StatsQuery(null, w[0], w[1], null));
            Stats daily = store.stats(new StatsQuery("daily_sales", w[0], w[1], Duration.ofMinutes(10)));

            LogQuery inWindow = LogQuery.builder().since(w[0]).until(w[1]).build();
            assertThat(s.total()).isEqualTo(store.count(inWindow)).isEqualTo(s.histogram().total());
            assertThat(s.byLevel().getOrDefault(Level.ERROR, 0L))
                    .isEqualTo(store.count(inWindow.toBuilder().levels(Set.of(Level.ERROR)).build()));
            assertThat(daily.total()).isEqualTo(store.count(inWindow.toBuilder().pipelineId("daily_sales").build()))
                    .isEqualTo(daily.histogram().total());
        }
    }

    @Test
    void emptyStoreGivesZeroesNotErrors() {
        Stats s = store.stats(StatsQuery.all());

        assertThat(s.total()).isZero();
        assertThat(s.histogram().total()).isZero();
        assertThat(s.pipelines()).isEmpty();
        assertThat(s.executionsByStatus()).containsEntry(ExecutionStatus.OK, 0L);
    }

}
