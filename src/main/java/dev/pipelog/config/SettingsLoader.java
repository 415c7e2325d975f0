package dev.pipelog.config;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds {@link Settings} from command-line flags, then environment variables, then defaults.
 * Every bad value fails with a {@link ConfigException} whose message names the variable (or flag),
 * the value and what is accepted.
 */
public final class SettingsLoader {
    public static final int DEFAULT_PORT = 5170;
    private static final Set<String> SWITCHES = Set.of("--headless", "--demo");
    /**
     * DuckDB's memory limit by default. The window runs a search's count, page and histogram at once
     * and needs 256 MB for every query of a 10M-record store at full speed; the listener alone takes
     * 128 MB, which keeps a 256 MB-heap server near 540 MB RSS under full intake instead of 656 MB,
     * at the cost of first pages ~20 % slower (docs/benchmarks/http.md).
     */
    static final long DESKTOP_DB_MEMORY = 256L << 20;
    static final long HEADLESS_DB_MEMORY = 128L << 20;
    private static final Map<String, String> FLAG_TO_ENV = Map.ofEntries(
            Map.entry("--data-dir", "PIPELOG_DATA_DIR"),
            Map.entry("--db", "PIPELOG_DB"),
            Map.entry("--host", "PIPELOG_HOST"),
            Map.entry("--port", "PIPELOG_PORT"),
            Map.entry("--syslog-port", "PIPELOG_SYSLOG_PORT"),
            Map.entry("--gelf-port", "PIPELOG_GELF_PORT"),
            Map.entry("--batch-size", "PIPELOG_BATCH_SIZE"),
            Map.entry("--flush-interval-ms", "PIPELOG_FLUSH_INTERVAL_MS"),
            Map.entry("--queue-capacity", "PIPELOG_QUEUE_CAPACITY"),
            Map.entry("--max-body", "PIPELOG_MAX_BODY"),
            Map.entry("--body-idle-timeout-ms", "PIPELOG_BODY_IDLE_TIMEOUT_MS"),
            Map.entry("--db-memory", "PIPELOG_DB_MEMORY"),
            Map.entry("--retention-days", "PIPELOG_RETENTION_DAYS"),
            Map.entry("--query-timeout-ms", "PIPELOG_QUERY_TIMEOUT_MS"),
            Map.entry("--log-level", "LOG_LEVEL"),
            Map.entry("--fallback-dir", "FALLBACK_DIRECTORY"),
            Map.entry("--allow-origins", "ALLOW_ORIGINS"),
            Map.entry("--screenshots", "PIPELOG_SCREENSHOTS"));

    private final Map<String, String> values = new HashMap<>();
    private final Map<String, String> origin = new HashMap<>();

    private SettingsLoader(List<String> args, Map<String, String> env) {
        env.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                values.put(k, v.strip());
                origin.put(k, k);
            }
        });
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (SWITCHES.contains(arg)) {
                values.put(arg, "true");
                continue;
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            String envName = FLAG_TO_ENV.get(name);
            if (envName == null) {
                throw new ConfigException("unknown option " + arg + "; see --help");
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new ConfigException("option " + name + " needs a value; see --help");
                }
                value = args.get(++i);
            }
            values.put(envName, value.strip());
            origin.put(envName, name);
        }
    }

    /** Loads from the process's own arguments and environment. */
    public static Settings load(String[] args) {
        return load(List.of(args), System.getenv());
    }

    public static Settings load(List<String> args, Map<String, String> env) {
        return new SettingsLoader(args, env).build(env);
    }

    private Settings build(Map<String, String> env) {
        Path dataDir = path("PIPELOG_DATA_DIR").orElseGet(() -> defaultDataDir(env));
        Path db = path("PIPELOG_DB").orElse(dataDir.resolve("pipelog.duckdb"));
        String host = get("PIPELOG_HOST").orElse("127.0.0.1");
        if (!host.matches("[A-Za-z0-9.:\\-\\[\\]]+")) {
            throw bad("PIPELOG_HOST", host, "a host name or IP address");
        }
        int port = integer("PIPELOG_PORT", DEFAULT_PORT, 0, 65_535);
        String token = get("PIPELOG_API_TOKEN").orElse(null);
        if (token != null && token.length() < 16) {
            throw new ConfigException("PIPELOG_API_TOKEN is too short (" + token.length()
                    + " characters); accepted: at least 16 characters");
        }
        int batchSize = integer("PIPELOG_BATCH_SIZE", 5_000, 1, 100_000);
        int flushMs = integer("PIPELOG_FLUSH_INTERVAL_MS", 0, 0, 10_000);
        int queueCapacity = integer("PIPELOG_QUEUE_CAPACITY", 200_000, 1, 10_000_000);
        if (queueCapacity < batchSize) {
            throw new ConfigException("PIPELOG_QUEUE_CAPACITY=" + queueCapacity
                    + " is smaller than PIPELOG_BATCH_SIZE=" + batchSize + "; accepted: at least the batch size");
        }
        long maxBody = bytes("PIPELOG_MAX_BODY", 16L << 20, 1L << 10, 1L << 30, "1KB to 1GB");
        int bodyIdleMs = integer("PIPELOG_BODY_IDLE_TIMEOUT_MS", 30_000, 100, 3_600_000);
        boolean headless = values.containsKey("--headless");
        long dbMemory = bytes("PIPELOG_DB_MEMORY", headless ? HEADLESS_DB_MEMORY : DESKTOP_DB_MEMORY,
                32L << 20, 1L << 40, "32MB to 1024GB");
        Integer retention = get("PIPELOG_RETENTION_DAYS").isPresent()
                ? integer("PIPELOG_RETENTION_DAYS", 0, 1, 36_500) : null;
        int queryTimeoutMs = integer("PIPELOG_QUERY_TIMEOUT_MS", 30_000, 100, 3_600_000);
        String logLevel = logLevel();
        boolean faultTolerance = bool("ENABLE_FAULT_TOLERANCE", true);
        boolean requestLogging = get("ENABLE_REQUEST_LOGGING").isPresent()
                ? bool("ENABLE_REQUEST_LOGGING", true) : bool("ENABLE_FLASK_LOGGING", true);
        int maxRetries = integer("MAX_RETRY_ATTEMPTS", 3, 0, 100);
        Duration retryDelay = seconds("RETRY_DELAY_SECONDS", "1", 3_600);
        int breakerThreshold = integer("CIRCUIT_BREAKER_THRESHOLD", 5, 1, 10_000);
        Duration breakerTimeout = seconds("CIRCUIT_BREAKER_TIMEOUT", "60", 86_400);
        boolean fallback = bool("ENABLE_FALLBACK_STORAGE", true);
        Path fallbackDir = path("FALLBACK_DIRECTORY").orElse(dataDir.resolve("fallback"));
        int fallbackMaxFiles = integer("FALLBACK_MAX_FILES", 100, 1, 1_000_000);
        List<String> origins = origins();
        Path screenshots = path("PIPELOG_SCREENSHOTS").orElse(null);
        OptionalInt syslogPort = get("PIPELOG_SYSLOG_PORT").filter(v -> !v.equalsIgnoreCase("off")).isPresent()
                ? OptionalInt.of(integer("PIPELOG_SYSLOG_PORT", 0, 0, 65_535)) : OptionalInt.empty();
        OptionalInt gelfPort = get("PIPELOG_GELF_PORT").filter(v -> !v.equalsIgnoreCase("off")).isPresent()
                ? OptionalInt.of(integer("PIPELOG_GELF_PORT", 0, 0, 65_535)) : OptionalInt.empty();
        List<String> lokiLabels = get("PIPELOG_LOKI_PIPELINE_LABELS")
                .map(v -> List.of(v.split("\\s*,\\s*"))).orElse(List.of("pipeline_id", "service_name", "job"));
        if (lokiLabels.stream().anyMatch(l -> !l.matches("[A-Za-z_][A-Za-z0-9_.]*"))) {
            throw bad("PIPELOG_LOKI_PIPELINE_LABELS", String.join(",", lokiLabels),
                    "a comma-separated list of label names");
        }
        Settings.Mode mode = headless ? Settings.Mode.HEADLESS : Settings.Mode.DESKTOP;
        return new Settings(mode, values.containsKey("--demo"), dataDir, db, host, port, token, batchSize,
                Duration.ofMillis(flushMs), queueCapacity, maxBody, Duration.ofMillis(bodyIdleMs), dbMemory, retention, Duration.ofMillis(queryTimeoutMs),
                logLevel, faultTolerance, requestLogging, maxRetries, retryDelay, breakerThreshold, breakerTimeout,
                fallback, fallbackDir, fallbackMaxFiles, origins, screenshots, syslogPort, gelfPort, lokiLabels);
    }

    static Path defaultDataDir(Map<String, String> env) {
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "pipelog");
        }
        String home = Optional.ofNullable(env.get("HOME")).orElse(System.getProperty("user.home"));
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Application Support", "Pipelog");
        }
        if (os.contains("win")) {
            String appData = env.get("LOCALAPPDATA");
            return appData != null ? Path.of(appData, "Pipelog") : Path.of(home, "AppData", "Local", "Pipelog");
        }
        return Path.of(home, ".local", "share", "pipelog");
    }

    private Optional<String> get(String env) {
        return Optional.ofNullable(values.get(env));
    }

    private String name(String env) {
        return origin.getOrDefault(env, env);
    }

    private ConfigException bad(String env, String value, String accepted) {
        return new ConfigException(name(env) + "=" + value + " is not valid; accepted: " + accepted);
    }

    private <T> T parse(String env, String accepted, Function<String, T> parser, T fallback) {
        Optional<String> v = get(env);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return parser.apply(v.get());
        } catch (RuntimeException e) {
            throw bad(env, v.get(), accepted);
        }
    }

    private int integer(String env, int fallback, int min, int max) {
        String accepted = "a whole number from " + min + " to " + max;
        int n = parse(env, accepted, Integer::parseInt, fallback);
        if (n < min || n > max) {
            throw bad(env, get(env).orElse(String.valueOf(n)), accepted);
        }
        return n;
    }

    private boolean bool(String env, boolean fallback) {
        return parse(env, "true or false (also 1/0, yes/no, on/off)", v -> {
            switch (v.toLowerCase(Locale.ROOT)) {
                case "true": case "1": case "yes": case "on": return true;
                case "false": case "0": case "no": case "off": return false;
                default: throw new IllegalArgumentException(v);
            }
        }, fallback);
    }

    private Duration seconds(String env, String fallback, long maxSeconds) {
        String accepted = "a number of seconds from 0 to " + maxSeconds + " (decimals allowed)";
        String v = get(env).orElse(fallback);
        try {
            BigDecimal s = new BigDecimal(v);
            if (s.signum() < 0 || s.compareTo(BigDecimal.valueOf(maxSeconds)) > 0) {
                throw bad(env, v, accepted);
            }
            return Duration.ofNanos(s.movePointRight(9).longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            throw bad(env, v, accepted);
        }
    }

    private long bytes(String env, long fallback, long min, long max, String range) {
        String accepted = "a size in bytes, or with KB/MB/GB (e.g. 16MB), from " + range;
        long n = parse(env, accepted, v -> {
            String t = v.toUpperCase(Locale.ROOT).replace(" ", "");
            long unit = 1;
            if (t.endsWith("KB") || t.endsWith("K")) {
                unit = 1L << 10;
            } else if (t.endsWith("MB") || t.endsWith("M")) {
                unit = 1L << 20;
            } else if (t.endsWith("GB") || t.endsWith("G")) {
                unit = 1L << 30;
            }
            String digits = t.replaceAll("[KMGB]+$", "");
            return Math.multiplyExact(Long.parseLong(digits), unit);
        }, fallback);
        if (n < min || n > max) {
            throw bad(env, get(env).orElse(String.valueOf(n)), accepted);
        }
        return n;
    }

    private Optional<Path> path(String env) {
        Optional<String> v = get(env);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(v.get()).toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
            throw bad(env, v.get(), "a file system path");
        }
    }

    private String logLevel() {
        String v = get("LOG_LEVEL").orElse("INFO").toUpperCase(Locale.ROOT);
        switch (v) {
            case "TRACE": case "DEBUG": case "INFO": case "ERROR":
                return v;
            case "WARNING": case "WARN":
                return "WARN";
            case "CRITICAL": case "FATAL":
                return "ERROR";
            default:
                throw bad("LOG_LEVEL", get("LOG_LEVEL").orElse(v), "TRACE, DEBUG, INFO, WARNING, ERROR or CRITICAL");
        }
    }

    private List<String> origins() {
        Optional<String> v = get("ALLOW_ORIGINS");
        List<String> out = new ArrayList<>();
        if (v.isEmpty()) {
            return out;
        }
        String accepted = "a comma-separated list of exact origins such as http://localhost:3000 (no wildcards)";
        for (String part : v.get().split(",")) {
            String o = part.strip();
            if (o.isEmpty()) {
                continue;
            }
            try {
                URI uri = URI.create(o);
                boolean exact = ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                        && uri.getHost() != null && (uri.getPath() == null || uri.getPath().isEmpty())
                        && uri.getQuery() == null && uri.getFragment() == null;
                if (!exact) {
                    throw bad("ALLOW_ORIGINS", v.get(), accepted);
                }
            } catch (IllegalArgumentException e) {
                throw bad("ALLOW_ORIGINS", v.get(), accepted);
            }
            out.add(o);
        }
        return out;
    }
}
