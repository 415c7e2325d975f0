package dev.pipelog.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * A keyset position: the (timestamp, id) of the last record of a page. Encoded as an opaque
 * URL-safe token so clients do not build them by hand.
 */
public record Cursor(Instant timestamp, String id) {

    public Cursor {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(id, "id");
    }

    public static Cursor after(LogRecord record) {
        return new Cursor(record.timestamp(), record.id());
    }

    public String encode() {
        String raw = Timestamps.toEpochMicros(timestamp) + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when the token was not made by {@link #encode()} */
    public static Cursor decode(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            if (colon <= 0 || colon == raw.length() - 1) {
                throw new IllegalArgumentException("not a cursor");
            }
            long micros = Long.parseLong(raw.substring(0, colon));
            return new Cursor(Timestamps.ofEpochMicros(micros), raw.substring(colon + 1));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException("invalid cursor: " + token, e);
        }
    }
}
