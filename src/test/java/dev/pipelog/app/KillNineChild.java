package dev.pipelog.app;

import dev.pipelog.config.Settings;
import dev.pipelog.ingest.IntakeBatch;
import dev.pipelog.ingest.IntakeResult;
import dev.pipelog.model.LogRecord;
import dev.pipelog.resilience.FaultInjectingStore;
import dev.pipelog.resilience.StoredRecords;
import dev.pipelog.resilience.TestSettings;
import dev.pipelog.store.DuckDbLogStore;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The process {@link EngineKillNineTest} kills: runs the engine on a data directory and submits
 * batches from two threads until killed, printing {@code ACK <batch> <destination> <id,id,...> END} for each
 * batch as soon as its acknowledgement arrives (and only then).
 *
 * <p>Modes: {@code healthy}; {@code flaky}: the store fails (records are acknowledged from
 * fallback files) until {@code healAfter} batches are acknowledged, then works again, so replay
 * runs while batches keep coming.
 */
public final class KillNineChild {
    static final int BATCH = 250;

    private KillNineChild() {
    }

    /** The child's settings, also used by the parent's restart: group commits and replays of 1,000 records. */
    static Settings settings(Path dataDir) {
        return TestSettings.forDataDir(dataDir, Map.of("LOG_LEVEL", "WARN", "PIPELOG_BATCH_SIZE", "1000"));
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        String mode = args[1];
        int healAfter = Integer.parseInt(args[2]);
        // The parent reads acknowledgements from this stream; each line is flushed as it is printed.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        Settings settings = settings(dataDir);
        var store = new FaultInjectingStore(DuckDbLogStore.open(settings.databasePath(), settings.queryTimeout()));
        if (mode.equals("flaky")) {
            store.failUntilHealed();
        }
        Engine engine = Engine.start(settings, store);
        AtomicInteger acked = new AtomicInteger();
        AtomicInteger batchNumbers = new AtomicInteger();
        Runnable producer = () -> {
            while (true) {
                int number = batchNumbers.incrementAndGet();
                List<LogRecord> records = StoredRecords.batch("kill-" + number % 4, BATCH);
                IntakeResult result = engine.intake().submit(IntakeBatch.withServerIds(records)).join();
                if (result instanceof IntakeResult.Accepted) {
                    String line = "ACK " + number + " " + ((IntakeResult.Accepted) result).destination() + " "
                            + String.join(",", StoredRecords.ids(records)) + " END";
                    synchronized (out) {
                        out.println(line);
                        out.flush();
                    }
                    if (acked.incrementAndGet() == healAfter) {
                        store.heal();
                    }
                }
            }
        };
        Thread a = new Thread(producer, "producer-a");
        Thread b = new Thread(producer, "producer-b");
        a.start();
        b.start();
        a.join();
    }
}
