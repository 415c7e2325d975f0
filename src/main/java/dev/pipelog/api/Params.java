package dev.pipelog.api;

import dev.pipelog.model.Cursor;
import dev.pipelog.model.Level;
import dev.pipelog.model.TimeBound;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.PathTemplateMatch;
import java.time.Duration;
import java.util.Deque;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query and path parameters of one request, read strictly: an unknown parameter or a bad value
 * is a 400 that names the parameter, so a typo never silently widens a search.
 *
 * <p>A value longer than {@value #MAX_VALUE_CHARS} characters or holding a NUL is refused too:
 * nothing Pipelog stores or filters on is that long, and a 100,000-character {@code q} kept a
 * search busy until it failed. (Bad percent-encoding such as {@code ?cursor=%%%} never gets here:
 * Undertow's request parser answers it with its own bare 400 and closes the connection.)
 */
final class Params {
    /** The longest value a query or path parameter may have, in characters after decoding. */
    static final int MAX_VALUE_CHARS = 4_096;
    /** The widest histogram bucket {@code bucket} may ask for. */
    static final Duration MAX_BUCKET = Duration.ofDays(3_650);

    private final Map<String, Deque<String>> query = new LinkedHashMap<>();
    private final Map<String, String> path = new LinkedHashMap<>();

    Params(HttpServerExchange exchange, Set<String> accepted) {
        exchange.getQueryParameters().forEach((name, values) -> {
            if (name.length() > 64) {
                throw new ApiException(ApiError.badParameter(name.substring(0, 64) + "…", "unknown parameter; accepted: "
                        + String.join(", ", new TreeSet<>(accepted))));
            }
            values.forEach(v -> checked(name, v));
            query.put(name, values);
        });
        PathTemplateMatch match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
        if (match != null) {
            match.getParameters().forEach((name, value) -> path.put(name, checked(name, value)));
        }
        for (String name : query.keySet()) {
            if (!accepted.contains(name) && !path.containsKey(name)) {
                throw new ApiException(ApiError.badParameter(name, "unknown parameter; accepted: "
                        + String.join(", ", new TreeSet<>(accepted))));
            }
        }
    }

    private static String checked(String name, String value) {
        if (value.length() > MAX_VALUE_CHARS) {
            throw new ApiException(ApiError.badParameter(name, value.length() + " characters is longer than the "
                    + MAX_VALUE_CHARS + " a parameter may have"));
        }
        if (value.indexOf('\0') >= 0) {
            throw new ApiException(ApiError.badParameter(name, "must not contain a NUL character (%00)"));
        }
        return value;
    }

    String path(String name) {
        String value = path.get(name);
        if (value == null || value.isBlank()) {
            throw new ApiException(ApiError.badParameter(name, "must not be empty"));
        }
        return value;
    }

    /** The parameter's text; null when absent or empty. */
    String text(String name) {
        Deque<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new ApiException(ApiError.badParameter(name, "given " + values.size() + " times; give it once"));
        }
        String v = values.getFirst();
        return v.isBlank() ? null : v;
    }

    int integer(String name, int fallback, int min, int max) {
        String v = text(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below with the accepted range
        }
        throw new ApiException(ApiError.badParameter(name, "\"" + v + "\" is not a whole number from " + min + " to " + max));
    }

    boolean flag(String name) {
        String v = text(name);
        if (v == null || v.equalsIgnoreCase("false") || v.equals("0")) {
            return false;
        }
        if (v.equalsIgnoreCase("true") || v.equals("1")) {
            return true;
        }
        throw new ApiException(ApiError.badParameter(name, "\"" + v + "\" is not true or false"));
    }

    TimeBound time(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        return TimeBound.parse(v).orElseThrow(() -> new ApiException(ApiError.badParameter(name,
                "\"" + v + "\" is neither an ISO-8601 time from " + TimeBound.EARLIEST + " to " + TimeBound.LATEST
                        + ", an epoch number in that range, nor a relative time such as 15m, 2h or 7d")));
    }

    /** {@code since}, or {@code hours} before now (the original API's spelling); not both. */
    TimeBound since() {
        TimeBound since = time("since");
        String hours = text("hours");
        if (hours == null) {
            return since;
        }
        if (since != null) {
            throw new ApiException(ApiError.badParameter("hours", "give since or hours, not both"));
        }
        return TimeBound.ago(Duration.ofHours(integer("hours", 0, 1, 87_600)));
    }

    Set<Level> levels(String name) {
        String v = text(name);
        if (v == null) {
            return Set.of();
        }
        Set<Level> levels = EnumSet.noneOf(Level.class);
        for (String part : v.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            levels.add(Level.parse(part).orElseThrow(() -> new ApiException(ApiError.badParameter(name,
                    "unknown level \"" + part.strip() + "\"; accepted: TRACE, DEBUG, INFO, WARNING, ERROR, CRITICAL"))));
        }
        return levels;
    }

    Cursor cursor(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        try {
            return Cursor.decode(v);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ApiError.badParameter(name, "not a cursor this server handed out"));
        }
    }

    /** A positive duration such as {@code 30s} or {@code 1d}, at most {@code max}. */
    Duration duration(String name, Duration max) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        Optional<Duration> d = TimeBound.parseDuration(v).filter(x -> !x.isZero() && x.compareTo(max) <= 0);
        return d.orElseThrow(() -> new ApiException(ApiError.badParameter(name,
                "\"" + v + "\" is not a positive duration such as 30s, 5m, 1h or 1d, at most " + TimeBound.format(max))));
    }
}
