package dev.pipelog.resilience;

import dev.pipelog.config.Settings;
import dev.pipelog.config.SettingsLoader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Settings as a user would set them (environment variables), on a temporary data directory. */
public final class TestSettings {
    private TestSettings() {
    }

    /** Fast retries and a short breaker so tests finish quickly; {@code env} overrides. */
    public static Settings forDataDir(Path dataDir, Map<String, String> env) {
        Map<String, String> all = new HashMap<>();
        all.put("PIPELOG_DATA_DIR", dataDir.toString());
        all.put("LOG_LEVEL", "INFO");
        all.put("MAX_RETRY_ATTEMPTS", "2");
        all.put("RETRY_DELAY_SECONDS", "0.01");
        all.put("CIRCUIT_BREAKER_THRESHOLD", "3");
        all.put("CIRCUIT_BREAKER_TIMEOUT", "0.5");
        all.put("PIPELOG_BATCH_SIZE", "100");
        all.put("PIPELOG_FLUSH_INTERVAL_MS", "5");
        all.put("PIPELOG_QUEUE_CAPACITY", "10000");
        all.putAll(env);
        return SettingsLoader.load(List.of("--headless"), all);
    }
}
