package dev.pipelog.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SQL kept in resource files under {@code dev/pipelog/store/}, named for their purpose. Some hold
 * {@code ${name}} slots that the store fills with its own constant fragments (never user text).
 */
final class SqlText {
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private SqlText() {
    }

    static String load(String name) {
        return CACHE.computeIfAbsent(name, SqlText::read);
    }

    /** The file with each {@code ${key}} replaced by its fragment. */
    static String fill(String name, Map<String, String> fragments) {
        String sql = load(name);
        for (Map.Entry<String, String> e : fragments.entrySet()) {
            sql = sql.replace("${" + e.getKey() + "}", e.getValue());
        }
        if (sql.contains("${")) {
            throw new IllegalStateException("unfilled slot in " + name);
        }
        return sql;
    }

    private static String read(String name) {
        try (InputStream in = SqlText.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing SQL resource dev/pipelog/store/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SQL resource " + name, e);
        }
    }
}
