package dev.pipelog.ingest.decode;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Renders a Serilog/Seq message template ({@code "Loaded {Rows} rows into {@Table}"}) with its
 * properties, as Seq shows it: {@code {{}} and {@code }}} are literal braces; {@code @} and {@code $}
 * prefixes, {@code ,alignment} and {@code :format} are accepted and ignored; a string property is
 * shown bare, anything else as JSON; a hole without a property stays as written. Stateless.
 */
final class MessageTemplate {
    private MessageTemplate() {
    }

    static String render(String template, JsonNode properties) {
        StringBuilder out = new StringBuilder(template.length() + 32);
        int i = 0;
        int n = template.length();
        while (i < n) {
            char ch = template.charAt(i);
            if (ch == '{' && i + 1 < n && template.charAt(i + 1) == '{') {
                out.append('{');
                i += 2;
            } else if (ch == '}' && i + 1 < n && template.charAt(i + 1) == '}') {
                out.append('}');
                i += 2;
            } else if (ch == '{') {
                int close = template.indexOf('}', i + 1);
                if (close < 0) {
                    out.append(template, i, n);
                    break;
                }
                String hole = template.substring(i + 1, close);
                out.append(value(hole, properties, template.substring(i, close + 1)));
                i = close + 1;
            } else {
                out.append(ch);
                i++;
            }
        }
        return out.toString();
    }

    private static String value(String hole, JsonNode properties, String asWritten) {
        String name = hole;
        if (name.startsWith("@") || name.startsWith("$")) {
            name = name.substring(1);
        }
        int cut = indexOfAny(name, ",:");
        if (cut >= 0) {
            name = name.substring(0, cut);
        }
        JsonNode v = properties == null ? null : properties.get(name);
        if (v == null || name.isEmpty()) {
            return asWritten;
        }
        return v.isTextual() ? v.textValue() : v.toString();
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
