package dev.pipelog.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Strict percent-decoding of the URL parts Undertow hands over undecoded. A {@code %} not followed
 * by two hex digits is a 400 naming the parameter (Undertow's own decoder answered it with a bare
 * 400 outside the JSON error shape). Bytes that are not valid UTF-8 become U+FFFD, as in bodies.
 * Stateless.
 */
final class UrlText {
    private UrlText() {
    }

    /** A query parameter's name or value: {@code +} means a space, as browsers and curl encode it. */
    static String decodeQuery(String parameter, String raw) {
        return decode(parameter, raw, true);
    }

    /** A path segment: {@code +} is itself. */
    static String decodePath(String parameter, String raw) {
        return decode(parameter, raw, false);
    }

    private static String decode(String parameter, String raw, boolean plusIsSpace) {
        if (raw.indexOf('%') < 0 && (!plusIsSpace || raw.indexOf('+') < 0) && isAscii(raw)) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int hi = i + 1 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int lo = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw new ApiException(ApiError.badParameter(parameter, "malformed percent-encoding at character "
                            + (i + 1) + ": '%' must be followed by two hexadecimal digits"));
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else if (c < 0x100) {
                // Undertow keeps each byte of an unescaped URL as one char.
                bytes.write(c);
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
