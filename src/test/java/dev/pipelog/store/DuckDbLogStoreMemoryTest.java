package dev.pipelog.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbLogStoreMemoryTest {
    @TempDir
    Path dir;

    @Test
    void theMemoryLimitGivenIsTheOneDuckDbEnforces() {
        try (DuckDbLogStore store = DuckDbLogStore.open(dir.resolve("m.duckdb"), Duration.ofSeconds(5), 96L << 20)) {
            String limit = store.readers().query("SELECT current_setting('memory_limit')", new SqlParams(),
                    rs -> {
                        rs.next();
                        return rs.getString(1);
                    });
            assertThat(limit).isEqualTo("96.0 MiB");
        }
    }

    @Test
    void withoutALimitTheDesktopDefaultApplies() {
        try (DuckDbLogStore store = DuckDbLogStore.open(dir.resolve("d.duckdb"), Duration.ofSeconds(5))) {
            String limit = store.readers().query("SELECT current_setting('memory_limit')", new SqlParams(),
                    rs -> {
                        rs.next();
                        return rs.getString(1);
                    });
            assertThat(limit).isEqualTo("256.0 MiB");
        }
    }
}
