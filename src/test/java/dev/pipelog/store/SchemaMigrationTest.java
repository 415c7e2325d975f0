package dev.pipelog.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaMigrationTest {
    @TempDir
    Path dir;

    @Test
    void newDatabaseGetsEveryMigrationOnceInOrder() throws Exception {
        Path file = dir.resolve("fresh.duckdb");
        DuckDbLogStore.open(file, java.time.Duration.ofSeconds(5)).close();
        DuckDbLogStore.open(file, java.time.Duration.ofSeconds(5)).close();

        assertThat(appliedScripts(file)).containsExactlyElementsOf(SchemaMigrator.MIGRATIONS);
    }

    @Test
    void databaseFromANewerPipelogIsRefusedNamingBothVersions() throws Exception {
        Path file = dir.resolve("newer.duckdb");
        DuckDbLogStore.open(file, java.time.Duration.ofSeconds(5)).close();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
             Statement st = c.createStatement()) {
            st.execute("INSERT INTO schema_version VALUES (99, 'V099__from_the_future.sql', current_timestamp)");
        }

        int known = new SchemaMigrator().latestVersion();
        assertThatThrownBy(() -> DuckDbLogStore.open(file, java.time.Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(IncompatibleDatabaseException.class, e -> {
                    assertThat(e.databaseVersion()).isEqualTo(99);
                    assertThat(e.supportedVersion()).isEqualTo(known);
                })
                .hasMessageContaining("99").hasMessageContaining(String.valueOf(known));
    }

    @Test
    void refusedDatabaseIsLeftUntouchedAndClosed() throws Exception {
        Path file = dir.resolve("newer.duckdb");
        DuckDbLogStore.open(file, java.time.Duration.ofSeconds(5)).close();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
             Statement st = c.createStatement()) {
            st.execute("INSERT INTO schema_version VALUES (99, 'V099__from_the_future.sql', current_timestamp)");
        }
        assertThatThrownBy(() -> DuckDbLogStore.open(file, java.time.Duration.ofSeconds(5)))
                .isInstanceOf(IncompatibleDatabaseException.class);

        // The file is not held open by the failed attempt: another connection can use it.
        assertThat(appliedScripts(file)).contains("V099__from_the_future.sql");
    }

    @Test
    void olderDatabaseIsUpgradedKeepingItsRecordsSearchableAndSummarised() throws Exception {
        Path file = dir.resolve("v1.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
             Statement st = c.createStatement()) {
            new SchemaMigrator(List.of("V001__create_log_record.sql")).migrate(c);
            st.execute("""
                    INSERT INTO log_record (id, ts, received_at, level, logger, message, pipeline_id, execution_id,
                                            correlation_id, span_id)
                    VALUES ('1', TIMESTAMP '2026-11-01 10:00:00', TIMESTAMP '2026-11-01 10:00:01', 20, 'etl.load',
                            'Loaded ROWS into sales', 'daily', 'e1', 'c1', 's1'),
                           ('2', TIMESTAMP '2026-11-01 10:05:00', TIMESTAMP '2026-11-01 10:05:01', 40, 'etl.load',
                            'Load FAILED', 'daily', 'e1', 'c1', 's1')""");
        }
        assertThat(appliedScripts(file)).containsExactly("V001__create_log_record.sql");

        try (DuckDbLogStore store = DuckDbLogStore.open(file, java.time.Duration.ofSeconds(5))) {
            assertThat(store.count(dev.pipelog.model.LogQuery.builder().text("rows into").build())).isEqualTo(1);
            assertThat(store.executions("daily", null, null, 10)).singleElement().satisfies(e -> {
                assertThat(e.records()).isEqualTo(2);
                assertThat(e.status()).isEqualTo(dev.pipelog.model.ExecutionStatus.FAILED);
                assertThat(e.lastError()).isEqualTo("Load FAILED");
            });
            assertThat(store.correlation("c1").records()).hasSize(2);
            assertThat(store.find(dev.pipelog.model.LogQuery.builder().build()).items()).hasSize(2);
        }
        assertThat(appliedScripts(file)).containsExactlyElementsOf(SchemaMigrator.MIGRATIONS);
    }

    static List<String> appliedScripts(Path file) throws Exception {
        List<String> scripts = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT script FROM schema_version ORDER BY version")) {
            while (rs.next()) {
                scripts.add(rs.getString(1));
            }
        }
        return scripts;
    }

}
