package dev.pipelog.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelog.ingest.demo.DemoGenerator;
import dev.pipelog.model.LogQuery;
import dev.pipelog.model.StatsQuery;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbLogStoreConcurrencyTest {
    static final Instant END = Instant.parse("2026-11-28T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aReaderInTheMiddleOfAResultDoesNotBlockTheWriter() throws Exception {
        try (DuckDbLogStore store = DuckDbLogStore.open(dir.resolve("r.duckdb"), Duration.ofMinutes(2))) {
            DemoGenerator demo = new DemoGenerator(1, END, Duration.ofDays(1), 20_000);
            store.append(demo.next(10_000), false);
            CountDownLatch readerInside = new CountDownLatch(1);
            CountDownLatch releaseReader = new CountDownLatch(1);

            CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() ->
                    store.readers().query("SELECT id FROM log_record", new SqlParams(), rs -> {
                        int rows = 0;
                        while (rs.next()) {
                            if (rows++ == 0) {
                                readerInside.countDown();
                                awaitUninterruptibly(releaseReader);
                            }
                        }
                        return rows;
                    }));
            assertThat(readerInside.await(30, TimeUnit.SECONDS)).isTrue();

            // Were writes serialised behind readers, this would wait for the release that comes after it.
            CompletableFuture<Integer> write = CompletableFuture.supplyAsync(() -> store.append(demo.next(5_000), false));
            assertThat(write.get(60, TimeUnit.SECONDS)).isEqualTo(5_000);
            assertThat(reader).isNotDone();
            assertThat(store.totalCount()).as("a new reader sees the committed write").isEqualTo(15_000);

            releaseReader.countDown();
            assertThat(reader.get(60, TimeUnit.SECONDS)).as("the old reader kept its snapshot").isEqualTo(10_000);
        }
    }

    @Test
    void concurrentWritersAndReadersAllSucceed() throws Exception {
        try (DuckDbLogStore store = DuckDbLogStore.open(dir.resolve("w.duckdb"), Duration.ofMinutes(2))) {
            CompletableFuture<?>[] work = new CompletableFuture<?>[6];
            for (int i = 0; i < 3; i++) {
                DemoGenerator demo = new DemoGenerator(100 + i, END, Duration.ofDays(1), 6_000);
                work[i] = CompletableFuture.runAsync(() -> {
                    for (int b = 0; b < 6; b++) {
                        store.append(demo.next(1_000), b % 2 == 0);
                    }
                });
                work[3 + i] = CompletableFuture.runAsync(() -> {
                    for (int q = 0; q < 20; q++) {
                        store.find(LogQuery.builder().text("rows").build());
                        store.stats(StatsQuery.all());
                    }
                });
            }
            CompletableFuture.allOf(work).get(120, TimeUnit.SECONDS);
            assertThat(store.totalCount()).isEqualTo(18_000);
        }
    }

    @Test
    void aQueryPastTheLimitIsCancelledAndTheStoreStaysUsable() {
        try (DuckDbLogStore store = DuckDbLogStore.open(dir.resolve("t.duckdb"), Duration.ofMillis(300))) {
            store.append(new DemoGenerator(2, END, Duration.ofDays(1), 1_000).next(1_000), false);

            // Would run for many minutes; only the cancel can end it in time.
            assertThatThrownBy(() -> store.readers().query("SELECT count(*) FROM range(1000000000000) a WHERE a.range % 7 = 8",
                    new SqlParams(), rs -> rs.next()))
                    .isInstanceOf(QueryTimeoutException.class)
                    .hasMessageContaining("300 ms");

            assertThat(store.totalCount()).isEqualTo(1_000);
        }
    }

    @Test
    void interruptingTheCallerCancelsItsQueryInDuckDb() throws Exception {
        try (DuckDbLogStore store = DuckDbLogStore.open(dir.resolve("i.duckdb"), Duration.ofMinutes(10))) {
            store.append(new DemoGenerator(4, END, Duration.ofDays(1), 1_000).next(1_000), false);
            ExecutorService worker = Executors.newSingleThreadExecutor();
            CountDownLatch started = new CountDownLatch(1);
            AtomicReference<Throwable> ended = new AtomicReference<>();
            try {
                // Would run for many minutes under the 10-minute limit; only the interrupt can end it.
                Future<?> search = worker.submit(() -> {
                    started.countDown();
                    try {
                        store.readers().query("SELECT count(*) FROM range(1000000000000) a WHERE a.range % 7 = 8",
                                new SqlParams(), rs -> rs.next());
                    } catch (RuntimeException e) {
                        ended.set(e);
                    }
                });
                assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

                search.cancel(true);
                worker.shutdown();

                assertThat(worker.awaitTermination(60, TimeUnit.SECONDS)).as("the worker is free again").isTrue();
                assertThat(ended.get()).as("the query was cancelled, not left to run")
                        .isInstanceOf(StoreException.class).hasMessageContaining("its caller was interrupted");
                assertThat(store.totalCount()).as("the store still answers").isEqualTo(1_000);
            } finally {
                worker.shutdownNow();
            }
        }
    }

    @Test
    void aTinyLimitTimesOutRealQueries() {
        Path file = dir.resolve("tiny.duckdb");
        try (DuckDbLogStore store = DuckDbLogStore.open(file, Duration.ofMinutes(1))) {
            DemoGenerator demo = new DemoGenerator(3, END, Duration.ofDays(3), 200_000);
            for (int i = 0; i < 4; i++) {
                store.append(demo.next(50_000), false);
            }
        }
        try (DuckDbLogStore store = DuckDbLogStore.open(file, Duration.ofMillis(1))) {
            assertThatThrownBy(() -> store.stats(StatsQuery.all())).isInstanceOf(QueryTimeoutException.class);
            assertThatThrownBy(() -> store.count(LogQuery.builder().text("rows in").build()))
                    .isInstanceOf(QueryTimeoutException.class);
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            if (!latch.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the test never released the reader");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
