package dev.pipelog.ingest.decode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A request body as a shippers' protocol handler received it: the first {@code length} bytes of
 * {@code bytes}, gzip-compressed or not ({@code Content-Encoding}). Decompression is bounded by the
 * same body limit as everything else.
 */
public record ProtocolBody(byte[] bytes, int length, boolean gzip) {

    public static ProtocolBody of(byte[] bytes) {
        return new ProtocolBody(bytes, bytes.length, false);
    }

    /** The decoded bytes, at most {@code maxBytes} of them. */
    InputStream open(long maxBytes) throws IOException {
        InputStream raw = new ByteArrayInputStream(bytes, 0, length);
        return new BoundedInputStream(gzip ? new GZIPInputStream(raw, 64 * 1024) : raw, maxBytes);
    }

    /**
     * @throws MalformedBodyException the gzip stream is broken
     * @throws BodyTooLargeException  it decodes to more than {@code maxBytes}
     */
    byte[] readAll(long maxBytes) throws MalformedBodyException, BodyTooLargeException {
        if (!gzip) {
            if (length > maxBytes) {
                throw new BodyTooLargeException(maxBytes);
            }
            return length == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, length);
        }
        try (InputStream in = open(maxBytes)) {
            return in.readAllBytes();
        } catch (BodyTooLargeException e) {
            throw e;
        } catch (ZipException e) {
            throw new MalformedBodyException("the body is not valid gzip: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MalformedBodyException("the body could not be decompressed: " + e.getMessage(), e);
        }
    }
}
