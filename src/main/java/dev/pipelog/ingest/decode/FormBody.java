package dev.pipelog.ingest.decode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parses {@code application/x-www-form-urlencoded} text (UTF-8, as Python's urlencode writes it). */
final class FormBody {
    private FormBody() {
    }

    /** @return the fields in order; a repeated name keeps its last value */
    static Map<String, String> parse(String body) throws MalformedBodyException {
        Map<String, String> fields = new LinkedHashMap<>();
        if (body.isBlank()) {
            throw new MalformedBodyException("the form body is empty");
        }
        for (String pair : body.strip().split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                fields.put(name, value);
            } catch (IllegalArgumentException e) {
                throw new MalformedBodyException("malformed form field \"" + (pair.length() > 40 ? pair.substring(0, 40) + "…" : pair)
                        + "\": " + e.getMessage(), e);
            }
        }
        return fields;
    }
}
