package dev.pipelog.bench;

import dev.pipelog.store.DuckDbLogStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;

/**
 * DuckDB's own bulk load of an NDJSON file of wire records ({@code read_ndjson}) into a fresh store
 * with Pipelog's schema: the ceiling the intake is compared with. Fields a record lacks get what the
 * intake would give them (a fresh id, the receive time, source {@code ndjson}); the lower-cased message
 * copy is made as the intake makes it.
 *
 * <p>As a program (used by bench/peer-intake.sh): {@code ReadNdjsonLoad FILE DIR} loads FILE into a
 * new database under DIR and prints one JSON line with the records loaded and the seconds it took.
 */
public final class ReadNdjsonLoad {
    private ReadNdjsonLoad() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Path dir = Files.createDirectories(Path.of(args[1]));
        Path db = dir.resolve("ceiling.duckdb");
        DuckDbLogStore.open(db, Duration.ofMinutes(10)).close(); // the same schema as the intake's store
        long start = System.nanoTime();
        long loaded = load(db, file);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "{\"records\": %d, \"seconds\": %.3f, \"records_per_s\": %.0f}%n",
                loaded, seconds, loaded / seconds);
    }

    /** Loads the file into {@code log_record} of the database and returns how many rows it then holds. */
    static long load(Path db, Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
             Statement st = c.createStatement()) {
            st.execute("INSERT INTO log_record SELECT coalesce(id, CAST(uuid() AS VARCHAR)), CAST(\"timestamp\" AS TIMESTAMP),"
                    + " coalesce(CAST(received_at AS TIMESTAMP), CAST(now() AS TIMESTAMP)),"
                    + " CASE level WHEN 'TRACE' THEN 5 WHEN 'DEBUG' THEN 10 WHEN 'INFO' THEN 20 WHEN 'WARNING' THEN 30"
                    + " WHEN 'ERROR' THEN 40 ELSE 50 END, logger, message, pipeline_id, execution_id, correlation_id,"
                    + " span_id, parent_span_id, module, \"function\", line, thread, process_id, host,"
                    + " coalesce(source, 'ndjson'), CAST(extra AS VARCHAR), stack_trace, lower(message)"
                    + " FROM read_ndjson('" + file.toString().replace("'", "''") + "', columns={"
                    + "id:'VARCHAR', \"timestamp\":'VARCHAR', received_at:'VARCHAR', level:'VARCHAR', logger:'VARCHAR',"
                    + " message:'VARCHAR', pipeline_id:'VARCHAR', execution_id:'VARCHAR', correlation_id:'VARCHAR',"
                    + " span_id:'VARCHAR', parent_span_id:'VARCHAR', module:'VARCHAR', \"function\":'VARCHAR',"
                    + " line:'INTEGER', thread:'VARCHAR', process_id:'BIGINT', host:'VARCHAR', source:'VARCHAR',"
                    + " extra:'JSON', stack_trace:'VARCHAR'}, maximum_object_size=67108864)");
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM log_record")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
