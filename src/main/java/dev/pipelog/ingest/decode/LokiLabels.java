package dev.pipelog.ingest.decode;

import java.util.LinkedHashMap;
import java.util.Map;

/** Parses a Prometheus-style label set, {@code {job="etl", level="info"}}, as Loki's protobuf carries it. */
final class LokiLabels {
    private LokiLabels() {
    }

    /** @throws IllegalArgumentException with words saying what is wrong */
    static Map<String, String> parse(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        String s = text.strip();
        if (s.isEmpty() || s.equals("{}")) {
            return labels;
        }
        if (!s.startsWith("{") || !s.endsWith("}")) {
            throw new IllegalArgumentException("\"" + preview(s) + "\" are not in {name=\"value\", ...} form");
        }
        int i = 1;
        int end = s.length() - 1;
        while (i < end) {
            while (i < end && (s.charAt(i) == ' ' || s.charAt(i) == ',')) {
                i++;
            }
            if (i >= end) {
                break;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0 || eq + 1 >= end || s.charAt(eq + 1) != '"') {
                throw new IllegalArgumentException("\"" + preview(s) + "\" are not in {name=\"value\", ...} form");
            }
            String name = s.substring(i, eq).strip();
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            while (j < end && s.charAt(j) != '"') {
                char c = s.charAt(j);
                if (c == '\\' && j + 1 < end) {
                    char next = s.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
                j++;
            }
            if (j >= end) {
                throw new IllegalArgumentException("\"" + preview(s) + "\" have an unterminated value");
            }
            labels.put(name, value.toString());
            i = j + 1;
        }
        return labels;
    }

    private static String preview(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "…";
    }
}
