package dev.pipelog.ingest.decode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits a syslog TCP stream into messages (RFC 6587): octet counting ({@code "<length> <message>"},
 * recognised by a leading digit) or non-transparent framing (a message ends at LF or NUL). A sender
 * may mix both. A frame longer than {@code maxFrameBytes} is cut there (its rest read as the next
 * frame); nothing is dropped. Not thread-safe: one per connection.
 */
public final class SyslogFrames {
    private final InputStream in;
    private final int maxFrameBytes;

    public SyslogFrames(InputStream in, int maxFrameBytes) {
        this.in = in;
        this.maxFrameBytes = maxFrameBytes;
    }

    /** The next message; null at the end of the stream. */
    public String next() throws IOException {
        int first = in.read();
        while (first == '\n' || first == '\r' || first == 0) {
            first = in.read();
        }
        if (first < 0) {
            return null;
        }
        if (Character.isDigit(first)) {
            String counted = octetCounted(first);
            if (counted != null) {
                return counted;
            }
        }
        ByteArrayOutputStream frame = new ByteArrayOutputStream(256);
        frame.write(first);
        return untilDelimiter(frame);
    }

    /** Reads {@code <digits> <message>}; a digit run not followed by a space is a newline-framed message. */
    private String octetCounted(int first) throws IOException {
        ByteArrayOutputStream prefix = new ByteArrayOutputStream(8);
        prefix.write(first);
        long length = first - '0';
        int b;
        while ((b = in.read()) >= 0 && Character.isDigit(b) && prefix.size() < 10) {
            prefix.write(b);
            length = length * 10 + (b - '0');
        }
        if (b != ' ') {
            if (b >= 0 && b != '\n' && b != 0) {
                prefix.write(b);
                return untilDelimiter(prefix);
            }
            return prefix.toString(StandardCharsets.UTF_8);
        }
        int toRead = (int) Math.min(length, maxFrameBytes);
        byte[] message = in.readNBytes(toRead);
        return new String(message, StandardCharsets.UTF_8);
    }

    private String untilDelimiter(ByteArrayOutputStream frame) throws IOException {
        int b;
        while (frame.size() < maxFrameBytes && (b = in.read()) >= 0 && b != '\n' && b != 0) {
            frame.write(b);
        }
        return frame.toString(StandardCharsets.UTF_8);
    }
}
