package dev.pipelog.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * Every setting of a Pipelog process, resolved from command-line flags over environment variables
 * over defaults by {@link SettingsLoader}. Immutable.
 *
 * @param bodyIdleTimeout how long a request body may go without a byte arriving before the listener
 *                        closes its connection (a client stalled mid-body would hold its room in the
 *                        body budget, and a worker, for as long as the connection lived)
 * @param databaseMemoryBytes DuckDB's memory limit (its buffer pool; queries past it spill to disk)
 * @param apiToken bearer token required on non-loopback binds; never logged ({@link #toString()} hides it)
 * @param syslogPort the syslog listener's TCP and UDP port on 127.0.0.1 (0: any free port); empty: no
 *                   syslog listener (the default: it is opt-in)
 * @param gelfPort the GELF listener's TCP and UDP port on 127.0.0.1 (0: any free port); empty: none (opt-in)
 * @param lokiPipelineLabels the Loki stream labels that name a record's pipeline, first present wins
 */
public record Settings(
        Mode mode,
        boolean demo,
        Path dataDir,
        Path databasePath,
        String host,
        int port,
        String apiToken,
        int batchSize,
        Duration flushInterval,
        int queueCapacity,
        long maxBodyBytes,
        Duration bodyIdleTimeout,
        long databaseMemoryBytes,
        Integer retentionDays,
        Duration queryTimeout,
        String logLevel,
        boolean faultTolerance,
        boolean requestLogging,
        int maxRetryAttempts,
        Duration retryDelay,
        int breakerThreshold,
        Duration breakerTimeout,
        boolean fallbackEnabled,
        Path fallbackDirectory,
        int fallbackMaxFiles,
        List<String> allowOrigins,
        Path screenshotDir,
        OptionalInt syslogPort,
        OptionalInt gelfPort,
        List<String> lokiPipelineLabels) {

    public Settings {
        allowOrigins = List.copyOf(allowOrigins);
        lokiPipelineLabels = List.copyOf(lokiPipelineLabels);
    }

    public enum Mode {
        /** The window, with the listener and store embedded. */
        DESKTOP,
        /** The listener and store only; no JavaFX class is loaded. */
        HEADLESS
    }

    public boolean headless() {
        return mode == Mode.HEADLESS;
    }

    public boolean hasApiToken() {
        return apiToken != null && !apiToken.isEmpty();
    }

    public Settings withPort(int newPort) {
        return new Settings(mode, demo, dataDir, databasePath, host, newPort, apiToken, batchSize, flushInterval,
                queueCapacity, maxBodyBytes, bodyIdleTimeout, databaseMemoryBytes, retentionDays, queryTimeout, logLevel, faultTolerance, requestLogging,
                maxRetryAttempts, retryDelay, breakerThreshold, breakerTimeout, fallbackEnabled, fallbackDirectory,
                fallbackMaxFiles, allowOrigins, screenshotDir, syslogPort, gelfPort, lokiPipelineLabels);
    }

    @Override
    public String toString() {
        return "Settings[mode=" + mode + ", demo=" + demo + ", dataDir=" + dataDir + ", database=" + databasePath
                + ", host=" + host + ", port=" + port + ", apiToken=" + (hasApiToken() ? "(set)" : "(none)")
                + ", batchSize=" + batchSize + ", flushInterval=" + flushInterval.toMillis() + "ms"
                + ", queueCapacity=" + queueCapacity + ", maxBodyBytes=" + maxBodyBytes
                + ", bodyIdleTimeout=" + bodyIdleTimeout.toMillis() + "ms"
                + ", databaseMemoryBytes=" + databaseMemoryBytes
                + ", retentionDays=" + retentionDays + ", queryTimeout=" + queryTimeout.toMillis() + "ms"
                + ", logLevel=" + logLevel + ", faultTolerance=" + faultTolerance
                + ", requestLogging=" + requestLogging + ", maxRetryAttempts=" + maxRetryAttempts
                + ", retryDelay=" + retryDelay.toMillis() + "ms, breakerThreshold=" + breakerThreshold
                + ", breakerTimeout=" + breakerTimeout.toSeconds() + "s, fallbackEnabled=" + fallbackEnabled
                + ", fallbackDirectory=" + fallbackDirectory + ", fallbackMaxFiles=" + fallbackMaxFiles
                + ", allowOrigins=" + allowOrigins + ", syslogPort=" + syslogPort + ", gelfPort=" + gelfPort
                + ", lokiPipelineLabels=" + lokiPipelineLabels + "]";
    }
}
