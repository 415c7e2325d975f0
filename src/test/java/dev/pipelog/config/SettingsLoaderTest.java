package dev.pipelog.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsLoaderTest {
    private static final Map<String, String> HOME = Map.of("HOME", "/home/ana");

    @Test
    void defaultsAreLoopbackAndTheOriginalDesignsValues() {
        Settings s = SettingsLoader.load(List.of(), HOME);
        assertThat(s.host()).isEqualTo("127.0.0.1");
        assertThat(s.port()).isEqualTo(SettingsLoader.DEFAULT_PORT);
        assertThat(s.mode()).isEqualTo(Settings.Mode.DESKTOP);
        assertThat(s.dataDir()).isEqualTo(Path.of("/home/ana/.local/share/pipelog"));
        assertThat(s.databasePath()).isEqualTo(Path.of("/home/ana/.local/share/pipelog/pipelog.duckdb"));
        assertThat(s.fallbackDirectory()).isEqualTo(Path.of("/home/ana/.local/share/pipelog/fallback"));
        assertThat(s.faultTolerance()).isTrue();
        assertThat(s.fallbackEnabled()).isTrue();
        assertThat(s.maxRetryAttempts()).isEqualTo(3);
        assertThat(s.breakerThreshold()).isEqualTo(5);
        assertThat(s.breakerTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.maxBodyBytes()).isEqualTo(16L << 20);
        assertThat(s.bodyIdleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.databaseMemoryBytes()).isEqualTo(256L << 20);
        assertThat(s.allowOrigins()).isEmpty();
        assertThat(s.hasApiToken()).isFalse();
    }

    @Test
    void theListenerAloneGivesDuckDbLessMemoryUnlessToldOtherwise() {
        Map<String, String> env = Map.of("HOME", "/h");
        assertThat(SettingsLoader.load(List.of("--headless"), env).databaseMemoryBytes()).isEqualTo(128L << 20);
        assertThat(SettingsLoader.load(List.of(), env).databaseMemoryBytes()).isEqualTo(256L << 20);
        assertThat(SettingsLoader.load(List.of("--headless", "--db-memory", "512MB"), env).databaseMemoryBytes())
                .isEqualTo(512L << 20);
    }

    @Test
    void aBatchIsCommittedAsSoonAsTheWriterIsFreeUnlessAFlushIntervalIsSet() {
        Map<String, String> env = Map.of("HOME", "/h");
        assertThat(SettingsLoader.load(List.of(), env).flushInterval()).isZero();
        assertThat(SettingsLoader.load(List.of("--flush-interval-ms", "20"), env).flushInterval())
                .isEqualTo(java.time.Duration.ofMillis(20));
    }

    @Test
    void xdgDataHomeIsHonoured() {
        Settings s = SettingsLoader.load(List.of(), Map.of("HOME", "/home/ana", "XDG_DATA_HOME", "/data"));
        assertThat(s.dataDir()).isEqualTo(Path.of("/data/pipelog"));
    }

    @Test
    void environmentOverridesDefaultsAndFlagsOverrideEnvironment() {
        Map<String, String> env = Map.of("HOME", "/h", "PIPELOG_PORT", "6000", "LOG_LEVEL", "warning",
                "RETRY_DELAY_SECONDS", "0.25", "CIRCUIT_BREAKER_TIMEOUT", "5", "ENABLE_FALLBACK_STORAGE", "no",
                "FALLBACK_MAX_FILES", "7", "ALLOW_ORIGINS", "http://localhost:3000, https://ops.example.com",
                "ENABLE_FLASK_LOGGING", "false", "PIPELOG_MAX_BODY", "2MB");
        Settings s = SettingsLoader.load(List.of("--port", "7000", "--headless", "--demo"), env);
        assertThat(s.port()).isEqualTo(7000);
        assertThat(s.headless()).isTrue();
        assertThat(s.demo()).isTrue();
        assertThat(s.logLevel()).isEqualTo("WARN");
        assertThat(s.retryDelay()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.breakerTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.fallbackEnabled()).isFalse();
        assertThat(s.fallbackMaxFiles()).isEqualTo(7);
        assertThat(s.allowOrigins()).containsExactly("http://localhost:3000", "https://ops.example.com");
        assertThat(s.requestLogging()).isFalse();
        assertThat(s.maxBodyBytes()).isEqualTo(2L << 20);
    }

    @Test
    void requestLoggingAliasWinsOverTheFlaskName() {
        Settings s = SettingsLoader.load(List.of(),
                Map.of("HOME", "/h", "ENABLE_FLASK_LOGGING", "false", "ENABLE_REQUEST_LOGGING", "true"));
        assertThat(s.requestLogging()).isTrue();
    }

    @Test
    void flagWithEqualsSignWorks() {
        assertThat(SettingsLoader.load(List.of("--port=0"), HOME).port()).isZero();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "PIPELOG_PORT|70000|PIPELOG_PORT=70000 is not valid; accepted: a whole number from 0 to 65535",
            "PIPELOG_PORT|http|PIPELOG_PORT=http is not valid; accepted: a whole number from 0 to 65535",
            "MAX_RETRY_ATTEMPTS|-1|MAX_RETRY_ATTEMPTS=-1 is not valid",
            "RETRY_DELAY_SECONDS|fast|RETRY_DELAY_SECONDS=fast is not valid; accepted: a number of seconds",
            "ENABLE_FAULT_TOLERANCE|maybe|ENABLE_FAULT_TOLERANCE=maybe is not valid; accepted: true or false",
            "LOG_LEVEL|LOUD|LOG_LEVEL=LOUD is not valid; accepted: TRACE, DEBUG, INFO, WARNING, ERROR or CRITICAL",
            "CIRCUIT_BREAKER_THRESHOLD|0|CIRCUIT_BREAKER_THRESHOLD=0 is not valid",
            "ALLOW_ORIGINS|*|ALLOW_ORIGINS=* is not valid; accepted: a comma-separated list of exact origins",
            "ALLOW_ORIGINS|http://a.example/path|ALLOW_ORIGINS=http://a.example/path is not valid",
            "PIPELOG_MAX_BODY|lots|PIPELOG_MAX_BODY=lots is not valid",
            "PIPELOG_BODY_IDLE_TIMEOUT_MS|10|PIPELOG_BODY_IDLE_TIMEOUT_MS=10 is not valid",
            "PIPELOG_DB_MEMORY|1MB|PIPELOG_DB_MEMORY=1MB is not valid; accepted: a size in bytes, or with KB/MB/GB (e.g. 16MB), from 32MB",
            "PIPELOG_API_TOKEN|short|PIPELOG_API_TOKEN is too short (5 characters)"})
    void badValuesStopStartupWithOneLineNamingVariableValueAndWhatIsAccepted(String name, String value,
            String message) {
        assertThatThrownBy(() -> SettingsLoader.load(List.of(), Map.of("HOME", "/h", name, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void badFlagValueNamesTheFlag() {
        assertThatThrownBy(() -> SettingsLoader.load(List.of("--port", "x"), HOME))
                .hasMessageStartingWith("--port=x is not valid");
    }

    @Test
    void unknownOptionIsRefused() {
        assertThatThrownBy(() -> SettingsLoader.load(List.of("--prot", "1"), HOME))
                .hasMessage("unknown option --prot; see --help");
    }

    @Test
    void tokenNeverAppearsInToString() {
        Settings s = SettingsLoader.load(List.of(), Map.of("HOME", "/h", "PIPELOG_API_TOKEN", "s3cr3t-s3cr3t-s3cr3t"));
        assertThat(s.hasApiToken()).isTrue();
        assertThat(s.toString()).doesNotContain("s3cr3t").contains("apiToken=(set)");
    }
}
