package dev.pipelog.ingest.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into lines and remembers where each starts, so a record's id can be made
 * from its offset. {@code \n} ends a line ({@code \r\n} too); invalid UTF-8 becomes U+FFFD. A line
 * longer than {@code maxLineBytes} keeps its first {@code maxLineBytes} bytes and is marked cut:
 * a 100 MB line costs no more memory than the limit. Not thread-safe.
 */
final class LineReader {
    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private long offset;
    private byte[] line = new byte[256];

    /** @param startOffset the offset of the stream's first byte in the file */
    LineReader(InputStream in, long startOffset, int maxLineBytes) {
        this.in = in;
        this.offset = startOffset;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * @param requireNewline true to leave a last line without {@code \n} unread (a file being
     *                       written: the rest of the line has not arrived yet)
     * @return the next line, or null at the end (or at an unfinished last line when {@code requireNewline})
     */
    Line next(boolean requireNewline) throws IOException {
        long start = offset;
        int length = 0;
        long dropped = 0;
        while (true) {
            if (position == limit && !fill()) {
                if (length == 0 && dropped == 0 || requireNewline) {
                    return null;
                }
                return line(start, length, dropped, offset);
            }
            int from = position;
            int newline = -1;
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            int end = newline < 0 ? limit : newline;
            int take = Math.min(end - from, maxLineBytes - length);
            if (take > 0) {
                ensure(length + take);
                System.arraycopy(buffer, from, line, length, take);
                length += take;
            }
            dropped += (end - from) - Math.max(take, 0);
            position = newline < 0 ? limit : newline + 1;
            offset += position - from;
            if (newline >= 0) {
                return line(start, length, dropped, offset);
            }
        }
    }

    /** Where the next line starts. */
    long offset() {
        return offset;
    }

    private Line line(long start, int length, long dropped, long end) {
        int n = length;
        if (n > 0 && line[n - 1] == '\r') {
            n--;
        }
        return new Line(start, end, new String(line, 0, n, StandardCharsets.UTF_8), dropped);
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    private void ensure(int capacity) {
        if (capacity > line.length) {
            line = Arrays.copyOf(line, Math.max(capacity, Math.min(maxLineBytes, line.length * 2)));
        }
    }

    /**
     * @param start        the offset of the line's first byte
     * @param end          the offset just after its {@code \n}
     * @param droppedBytes bytes past the line limit that were not kept
     */
    record Line(long start, long end, String text, long droppedBytes) {
    }
}
