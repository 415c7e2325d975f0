package dev.pipelog.ui.pipelines;

import dev.pipelog.ingest.demo.DemoGenerator;
import dev.pipelog.model.LogRecord;
import dev.pipelog.store.DuckDbLogStore;
import dev.pipelog.store.LogStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Stores filled with the demo generator's records, for the view tests. */
public final class DemoStores {
    public static final long SEED = 42;

    private DemoStores() {
    }

    /** A store in {@code dir} holding {@code records} demo records spread over {@code span} before {@code end}. */
    public static LogStore open(Path dir, int records, Instant end, Duration span) {
        LogStore store = DuckDbLogStore.open(dir.resolve("pipelog.duckdb"), Duration.ofSeconds(60));
        DemoGenerator demo = new DemoGenerator(SEED, end, span, records);
        for (int done = 0; done < records; done += 5_000) {
            List<LogRecord> batch = demo.next(Math.min(5_000, records - done));
            store.append(batch, false);
        }
        return store;
    }
}
