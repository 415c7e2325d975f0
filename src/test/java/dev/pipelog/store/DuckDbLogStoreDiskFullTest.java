package dev.pipelog.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelog.model.Level;
import dev.pipelog.model.LogRecord;
import dev.pipelog.testing.SmallFilesystem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer on a disk that really fills up (a small tmpfs): it says why, and works again once space returns. */
class DuckDbLogStoreDiskFullTest {
    @TempDir
    Path dir;

    private static List<LogRecord> batch(String prefix, int n) {
        List<LogRecord> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            records.add(StoreFixtures.record(prefix + i, StoreFixtures.T0.plusMillis(i), Level.INFO,
                    "message " + i + " " + "x".repeat(200)).pipelineId("disk").executionId("run").build());
        }
        return records;
    }

    @Test
    void aWriteOnAFullDiskFailsNamingTheCauseAndTheNextWriteAfterSpaceReturnsIsStored() throws Exception {
        try (var fs = SmallFilesystem.mount(dir.resolve("small"), 16);
             var store = DuckDbLogStore.open(fs.path().resolve("logs.duckdb"), Duration.ofSeconds(30))) {
            store.append(batch("before-", 1000), false);
            fs.fill();
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                try {
                    store.append(batch("full" + i + "-", 2000), false);
                } catch (StoreException e) {
                    failures.add(e.getMessage());
                }
            }
            assertThat(failures).isNotEmpty().allSatisfy(m -> assertThat(m).contains("No space left on device"));
            fs.free();
            store.append(batch("after-", 1000), false);
            assertThat(store.totalCount()).isEqualTo(2000 + 2000L * (5 - failures.size()));
        }
    }
}
