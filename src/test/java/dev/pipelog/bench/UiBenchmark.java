package dev.pipelog.bench;

import dev.pipelog.app.Engine;
import dev.pipelog.config.Settings;
import dev.pipelog.config.SettingsLoader;
import dev.pipelog.ingest.demo.DemoGenerator;
import dev.pipelog.model.LogQuery;
import dev.pipelog.model.LogRecord;
import dev.pipelog.model.SortOrder;
import dev.pipelog.model.StatsQuery;
import dev.pipelog.model.TimeBound;
import dev.pipelog.store.DuckDbLogStore;
import dev.pipelog.store.LogStore;
import dev.pipelog.ui.common.ControllerFactory;
import dev.pipelog.ui.common.DemoDataLoader;
import dev.pipelog.ui.common.Theme;
import dev.pipelog.ui.common.UiPreferences;
import dev.pipelog.ui.common.UiServices;
import dev.pipelog.ui.main.MainWindow;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import dev.pipelog.ingest.IntakeBatch;
import dev.pipelog.ingest.IntakeResult;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.control.ToggleButton;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.skin.VirtualFlow;
import javafx.stage.Stage;

/**
 * The Explore view over a large store, measured through the real window (headless, Monocle): time
 * to the first frame, a search's first page and exact count (and the store calls alone), jumps to
 * the start and the end (the buttons) and to the middle (the row scroll bar), RSS and heap after
 * them, then the gaps between frames while records pour in with live tail on, and RSS again.
 *
 * <pre>
 * mvn -B -q -o test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.pipelog.bench.UiBenchmark \
 *   -Dexec.args="/tmp/uibench 10000000 5"
 * </pre>
 * args: data directory (filled with demo records up to the count when it holds fewer), record
 * count, runs per measurement, intake rate for the responsiveness phase (records/s). Quote medians.
 * {@code -Dbench.warmup=N} (default 20): rounds of searches and jumps run before the measured ones;
 * the word searches of the first five are reported on their own, as what the first minute is like.
 */
public final class UiBenchmark {
    private static final int FILL_BATCH = 20_000;

    private UiBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (Exception e) {
            e.printStackTrace(); // a benchmark's main: nobody else to report it, and the FX thread keeps the JVM up
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/uibench");
        long records = Long.parseLong(args.length > 1 ? args[1] : "1000000");
        int runs = Integer.parseInt(args.length > 2 ? args[2] : "5");
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("headless.geometry", "1920x1200-32");
        Files.createDirectories(dir);
        Settings settings = SettingsLoader.load(List.of("--data-dir", dir.toString(), "--port", "0",
                "--log-level", "ERROR"), Map.of("ENABLE_REQUEST_LOGGING", "false"));
        fill(settings.databasePath(), records);

        Engine engine = Engine.start(settings);
        ExecutorService background = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "bench-ui");
            t.setDaemon(true);
            return t;
        });
        UiServices services = new UiServices(settings, engine.store(), engine.intake(), engine.health(),
                engine.pipelineSettings(), background, "http://127.0.0.1:0");
        DemoDataLoader noDemo = (n, p) -> 0;
        ControllerFactory controllers = new ControllerFactory(services, noDemo, new UiPreferences(dir));
        long total = engine.store().totalCount();
        storeCallsAlone(engine.store(), runs);

        long startupNanos = System.nanoTime();
        CompletableFuture<Long> firstFrame = new CompletableFuture<>();
        CompletableFuture<Parent> root = new CompletableFuture<>();
        Platform.startup(() -> { });
        System.out.printf("toolkit started: %d ms%n", ms(System.nanoTime() - startupNanos));
        Platform.runLater(() -> {
            long t0 = System.nanoTime();
            Stage stage = new Stage();
            MainWindow.open(stage, controllers, Theme.LIGHT);
            System.out.printf("window built and shown: %d ms%n", ms(System.nanoTime() - t0));
            stage.getScene().addPostLayoutPulseListener(() -> firstFrame.complete(System.nanoTime()));
            root.complete(stage.getScene().getRoot());
        });
        System.out.printf("records stored: %,d%n", total);
        System.out.printf("toolkit start to first frame: %d ms%n", ms(firstFrame.get(60, TimeUnit.SECONDS) - startupNanos));
        Parent window = root.get();
        Label count = (Label) fx(() -> window.lookup("#countLabel"));
        @SuppressWarnings("unchecked")
        TableView<LogRecord> table = (TableView<LogRecord>) fx(() -> window.lookup("#table"));
        TextField query = (TextField) fx(() -> window.lookup("#queryField"));
        Button search = (Button) fx(() -> window.lookup("#searchButton"));
        waitFor(() -> count.getText().endsWith("matches") || count.getText().endsWith("match"), 600);
        System.out.printf("first search (all records) ready, count label: %s%n", count.getText());

        ScrollBar bar = (ScrollBar) fx(() -> window.lookup("#rowScroll"));
        List<Long> all = new ArrayList<>();
        List<Long> text = new ArrayList<>();
        List<Long> start = new ArrayList<>();
        List<Long> middle = new ArrayList<>();
        List<Long> end = new ArrayList<>();
        String[] queries = {"timeout", "retrying", "rows into", "connection", "schema drift"};
        // The first rounds after start share the two cores with the JIT compilers (C2 alone used
        // 60-320 ms of CPU during each search of the first minute): their word searches are what a
        // user sees in the first minute and get their own median; the medians after them are what
        // a user sees for the rest of a session.
        int warmup = Integer.getInteger("bench.warmup", 20);
        String[] warmupQueries = {"validation", "extract", "mappings", "finished", "slow query"};
        List<Long> firstMinute = new ArrayList<>();
        long warmupStart = System.nanoTime();
        for (int run = 0; run < warmup; run++) {
            System.out.printf("warm-up round %d:%n", run + 1);
            long took = searchAndWait(query, search, count, table, warmupQueries[run % warmupQueries.length]);
            if (run < warmupQueries.length) {
                firstMinute.add(took);
            }
            searchAndWait(query, search, count, table, "");
            timeUntilShown(table, bar, () -> 0, () -> ((Button) window.lookup("#jumpStartButton")).fire());
            timeUntilShown(table, bar, () -> (int) bar.getMax(), () -> ((Button) window.lookup("#jumpEndButton")).fire());
        }
        if (!firstMinute.isEmpty()) {
            System.out.printf("first minute: search with text, first page + exact count: median %d ms %s%n",
                    median(firstMinute), firstMinute);
        }
        System.out.printf("warm-up took %d s%n", ms(System.nanoTime() - warmupStart) / 1000);
        for (int run = 0; run < runs; run++) {
            text.add(searchAndWait(query, search, count, table, queries[run % queries.length]));
            all.add(searchAndWait(query, search, count, table, ""));
            start.add(timeUntilShown(table, bar, () -> 0, () -> ((Button) window.lookup("#jumpStartButton")).fire()));
            int offset = 12_345 * run;
            int mid = fx(() -> (int) bar.getMax() / 2 + offset);
            // What dragging the scroll bar's thumb to the middle does.
            middle.add(timeUntilShown(table, bar, () -> mid, () -> bar.setValue(mid)));
            end.add(timeUntilShown(table, bar, () -> (int) bar.getMax(),
                    () -> ((Button) window.lookup("#jumpEndButton")).fire()));
        }
        System.out.printf("search with text, first page + exact count: median %d ms %s%n", median(text), text);
        System.out.printf("search all records, first page + exact count: median %d ms %s%n", median(all), all);
        System.out.printf("jump to start: median %d ms %s%n", median(start), start);
        System.out.printf("scroll to the middle: median %d ms %s%n", median(middle), middle);
        System.out.printf("jump to end: median %d ms %s%n", median(end), end);
        System.gc();
        System.out.printf("memory after the searches: %s%n", memory());
        responsivenessUnderIntake(engine, window, Integer.parseInt(args.length > 3 ? args[3] : "100000"));
        System.gc();
        System.out.printf("memory after the intake: %s%n", memory());
        Platform.exit();
        background.shutdownNow();
        engine.close();
        System.exit(0);
    }

    /**
     * The two store calls a search makes, timed without the window, to tell store time from UI
     * time: one after the other, and side by side on two threads (as the window runs them).
     */
    private static void storeCallsAlone(LogStore store, int runs) throws Exception {
        ExecutorService pair = Executors.newFixedThreadPool(2);
        for (String text : new String[] {"timeout", ""}) {
            List<Long> counts = new ArrayList<>();
            List<Long> pages = new ArrayList<>();
            List<Long> together = new ArrayList<>();
            LogQuery q = LogQuery.builder().text(text).limit(200).build();
            LogQuery newest = q.toBuilder().order(SortOrder.DESCENDING).build();
            for (int run = 0; run < runs; run++) {
                long t0 = System.nanoTime();
                store.count(q);
                long t1 = System.nanoTime();
                store.find(newest);
                long t2 = System.nanoTime();
                var count = pair.submit(() -> store.count(q));
                var page = pair.submit(() -> store.find(newest));
                count.get();
                page.get();
                long t3 = System.nanoTime();
                counts.add(ms(t1 - t0));
                pages.add(ms(t2 - t1));
                together.add(ms(t3 - t2));
            }
            System.out.printf("store alone, '%s': count median %d ms %s, newest page median %d ms %s,"
                            + " both side by side median %d ms %s%n",
                    text, median(counts), counts, median(pages), pages, median(together), together);
        }
        pair.shutdown();
        List<Long> oldest = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            long t0 = System.nanoTime();
            store.find(LogQuery.builder().order(SortOrder.ASCENDING).limit(200).build()); // what ⇈ reads
            oldest.add(ms(System.nanoTime() - t0));
        }
        System.out.printf("store alone, '': oldest page median %d ms %s%n", median(oldest), oldest);
        List<Long> histograms = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            long t0 = System.nanoTime();
            store.stats(new StatsQuery(null, null, TimeBound.at(Instant.now()), null));
            histograms.add(ms(System.nanoTime() - t0));
        }
        System.out.printf("store alone, the histogram's stats over all records: median %d ms %s%n",
                median(histograms), histograms);
    }

    /**
     * Live tail on, records submitted through the intake at up to {@code rate}/s for 10 s; an
     * animation timer measures the gap between frames, which is what a user sees as a stall.
     */
    private static void responsivenessUnderIntake(Engine engine, Parent window, int rate) throws Exception {
        List<Long> gaps = Collections.synchronizedList(new ArrayList<>());
        // CPU the FX thread itself used during each long gap: a long gap with little of it was the
        // thread waiting for a core (the machine's load), not the window's own work.
        List<String> longGaps = Collections.synchronizedList(new ArrayList<>());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long renderer = fx(() -> Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("QuantumRenderer")).mapToLong(Thread::getId).findFirst()
                .orElseThrow(() -> new IllegalStateException("no QuantumRenderer thread: not JavaFX's usual toolkit")));
        long[] last = {0, 0, 0, 0};
        AnimationTimer frames = new AnimationTimer() {
            @Override
            public void handle(long now) {
                long cpu = threads.getCurrentThreadCpuTime();
                long render = threads.getThreadCpuTime(renderer);
                long gc = ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
                if (last[0] != 0) {
                    gaps.add(now - last[0]);
                    if (now - last[0] > TimeUnit.MILLISECONDS.toNanos(100)) {
                        longGaps.add(String.format("%d ms (CPU of the FX thread %d ms, renderer %d ms; GC %d ms)",
                                ms(now - last[0]), ms(cpu - last[1]), ms(render - last[2]), gc - last[3]));
                    }
                }
                last[0] = now;
                last[1] = cpu;
                last[2] = render;
                last[3] = gc;
            }
        };
        fx(() -> {
            ((ToggleButton) window.lookup("#liveTailToggle")).fire();
            frames.start();
            return null;
        });
        // Records generated before the clock starts, and up to eight batches in flight as several
        // pipelines would post them: the offered rate is then the engine's to take or refuse, not
        // capped by one thread generating a batch and waiting for its acknowledgement.
        List<LogRecord> pool = new DemoGenerator(99, Instant.now(), Duration.ofMinutes(10), 200_000).next(200_000);
        int batch = 5_000;
        Semaphore inFlight = new Semaphore(8);
        AtomicLong acceptedRecords = new AtomicLong();
        long t0 = System.nanoTime();
        long end = t0 + TimeUnit.SECONDS.toNanos(10);
        long sent = 0;
        while (System.nanoTime() < end) {
            long due = t0 + sent * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            Instant now = Instant.now();
            List<LogRecord> records = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                records.add(pool.get((int) ((sent + i) % pool.size())).toBuilder().id(null).timestamp(now).build());
            }
            inFlight.acquire();
            engine.intake().submit(IntakeBatch.of(records)).whenComplete((result, error) -> {
                if (result instanceof IntakeResult.Accepted a) {
                    acceptedRecords.addAndGet(a.accepted());
                }
                inFlight.release();
            });
            sent += batch;
        }
        inFlight.acquire(8);
        long accepted = acceptedRecords.get();
        double seconds = (System.nanoTime() - t0) / 1e9;
        Thread.sleep(1_500);
        fx(() -> {
            frames.stop();
            ((ToggleButton) window.lookup("#liveTailToggle")).fire();
            return null;
        });
        List<Long> sorted = new ArrayList<>(gaps);
        Collections.sort(sorted);
        long over100 = sorted.stream().filter(g -> g > TimeUnit.MILLISECONDS.toNanos(100)).count();
        System.out.printf("intake with live tail: %,.0f records/s accepted for %.1f s; frames %d, gap p50 %d ms,"
                        + " p99 %d ms, max %d ms, gaps over 100 ms: %d%n",
                accepted / seconds, seconds, sorted.size(), ms(sorted.get(sorted.size() / 2)),
                ms(sorted.get((int) (sorted.size() * 0.99))), ms(sorted.get(sorted.size() - 1)), over100);
        System.out.printf("  gaps over 100 ms: %s%n", longGaps);
    }

    private static long searchAndWait(TextField query, Button search, Label count, TableView<LogRecord> table,
                                      String text) throws Exception {
        fx(() -> {
            query.setText("");
            return null;
        });
        String before = fx(count::getText);
        Map<String, Long> cpu = ProcStatus.threadCpuMillis();
        long t0 = System.nanoTime();
        fx(() -> {
            query.setText(text);
            count.setText("…");
            search.fire();
            return null;
        });
        waitFor(() -> !count.getText().equals("…") && lastRowLoaded(table), 600);
        long took = ms(System.nanoTime() - t0);
        if (count.getText().equals(before) && !text.isEmpty()) {
            System.out.printf("  note: '%s' matched as many as the previous search%n", text);
        }
        System.out.printf("  '%s': %s in %d ms; CPU by thread: %s%n", text, fx(count::getText), took,
                ProcStatus.cpuSince(cpu));
        return took;
    }

    private static boolean lastRowLoaded(TableView<LogRecord> table) {
        try {
            return fx(() -> table.getItems().isEmpty() || table.getItems().get(table.getItems().size() - 1) != null);
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * Time from {@code action} until the viewport shows match {@code row} at its top (the scroll
     * bar, which spans every match, says where the viewport is) and every visible row is loaded.
     */
    private static long timeUntilShown(TableView<LogRecord> table, ScrollBar bar, Supplier<Integer> row,
                                       Runnable action) throws Exception {
        long t0 = System.nanoTime();
        int target = fx(() -> {
            action.run();
            return row.get();
        });
        try {
            waitFor(() -> {
                try {
                    return fx(() -> (int) Math.round(bar.getValue()) == target && visibleRowsLoaded(table));
                } catch (Exception e) {
                    return false;
                }
            }, 120);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + fx(() -> String.format(
                    " waiting for row %d at the top: bar at %.0f of %.0f, visible rows loaded: %s",
                    target, bar.getValue(), bar.getMax(), visibleRowsLoaded(table))), e);
        }
        return ms(System.nanoTime() - t0);
    }

    private static boolean visibleRowsLoaded(TableView<LogRecord> table) {
        VirtualFlow<?> flow = (VirtualFlow<?>) table.lookup(".virtual-flow");
        IndexedCell<?> first = flow.getFirstVisibleCell();
        IndexedCell<?> last = flow.getLastVisibleCell();
        if (first == null || last == null) {
            return false;
        }
        for (int i = first.getIndex(); i <= last.getIndex(); i++) {
            if (i < table.getItems().size() && table.getItems().get(i) == null) {
                return false;
            }
        }
        return true;
    }

    private static void fill(Path database, long records) {
        try (LogStore store = DuckDbLogStore.open(database, Duration.ofMinutes(5))) {
            long have = store.totalCount();
            if (have >= records) {
                return;
            }
            DemoGenerator generator = new DemoGenerator(7, Instant.now(), Duration.ofDays(30), records);
            long t0 = System.nanoTime();
            for (long done = have; done < records; ) {
                int n = (int) Math.min(FILL_BATCH, records - done);
                store.append(generator.next(n), false);
                done += n;
                if (done % 1_000_000 < FILL_BATCH) {
                    System.out.printf("  filled %,d records (%d s)%n", done, ms(System.nanoTime() - t0) / 1000);
                }
            }
        }
    }

    private static <T> T fx(Supplier<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(60, TimeUnit.SECONDS);
    }

    private static void waitFor(BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + seconds + " s");
            }
            Thread.sleep(2);
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    /** Process RSS and high-water mark, and the JVM heap's share of it (the rest is native: DuckDB, JavaFX, code). */
    private static String memory() throws Exception {
        String rss = String.format("VmHWM: %d kB, VmRSS: %d kB", ProcStatus.selfKb("VmHWM"), ProcStatus.selfKb("VmRSS"));
        Runtime rt = Runtime.getRuntime();
        return String.format("%s; heap used %d MB, committed %d MB, max %d MB", rss,
                (rt.totalMemory() - rt.freeMemory()) >> 20, rt.totalMemory() >> 20, rt.maxMemory() >> 20);
    }
}
