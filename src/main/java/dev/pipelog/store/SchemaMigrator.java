package dev.pipelog.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database to the schema this code expects by applying the migrations it lacks, in order,
 * each in its own transaction and recorded in {@code schema_version}. Migrations are never edited
 * once released; a change is a new file.
 */
final class SchemaMigrator {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

    /** Every migration, oldest first; the number after V is the version it brings the schema to. */
    static final List<String> MIGRATIONS = List.of(
            "V001__create_log_record.sql",
            "V002__search_column_and_rollups.sql",
            "V003__level_minute_counts.sql",
            "V004__summaries_without_keys.sql");

    private final List<String> migrations;

    SchemaMigrator() {
        this(MIGRATIONS);
    }

    SchemaMigrator(List<String> migrations) {
        this.migrations = List.copyOf(migrations);
    }

    int latestVersion() {
        return migrations.isEmpty() ? 0 : versionOf(migrations.get(migrations.size() - 1));
    }

    /**
     * @return the version the database is at afterwards
     * @throws IncompatibleDatabaseException when the database is newer than this code
     */
    int migrate(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(SqlText.load("db/create_schema_version.sql"));
        }
        int current = currentVersion(connection);
        if (current > latestVersion()) {
            throw new IncompatibleDatabaseException(current, latestVersion());
        }
        for (String migration : migrations) {
            int version = versionOf(migration);
            if (version <= current) {
                continue;
            }
            apply(connection, migration, version);
            current = version;
        }
        return current;
    }

    static int currentVersion(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void apply(Connection connection, String migration, int version) throws SQLException {
        LOG.info("Upgrading the database schema to version {} ({})", version, migration);
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement();
             PreparedStatement record = connection.prepareStatement(
                     "INSERT INTO schema_version (version, script, applied_at) VALUES (?, ?, current_timestamp)")) {
            st.execute(SqlText.load("db/" + migration));
            record.setInt(1, version);
            record.setString(2, migration);
            record.executeUpdate();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    static int versionOf(String migration) {
        int end = migration.indexOf("__");
        if (!migration.startsWith("V") || end < 2) {
            throw new IllegalArgumentException("migration names look like V001__what.sql: " + migration);
        }
        return Integer.parseInt(migration.substring(1, end));
    }
}
