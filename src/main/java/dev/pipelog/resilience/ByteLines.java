package dev.pipelog.resilience;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a stream into lines as raw bytes (without the {@code \n}), so a line can be kept exactly as
 * it was in the file. A last line without a line break is a line too. Not thread-safe.
 */
final class ByteLines {
    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;

    ByteLines(InputStream in) {
        this.in = in;
    }

    /** @return the next line, or null at the end of the stream */
    byte[] next() throws IOException {
        ByteArrayOutputStream partial = null;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return partial == null || partial.size() == 0 ? null : partial.toByteArray();
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            if (position < limit) {
                byte[] line;
                if (partial == null) {
                    line = java.util.Arrays.copyOfRange(buffer, start, position);
                } else {
                    partial.write(buffer, start, position - start);
                    line = partial.toByteArray();
                }
                position++;
                return line;
            }
            if (partial == null) {
                partial = new ByteArrayOutputStream(Math.max(512, 2 * (limit - start)));
            }
            partial.write(buffer, start, limit - start);
        }
    }
}
