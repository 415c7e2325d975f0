package dev.pipelog.api;

import dev.pipelog.ingest.Intake;
import dev.pipelog.ingest.decode.BodyTooLargeException;
import dev.pipelog.ingest.decode.GelfChunks;
import dev.pipelog.ingest.decode.GelfDecoder;
import dev.pipelog.ingest.decode.IntakeContext;
import dev.pipelog.ingest.decode.MalformedBodyException;
import dev.pipelog.ingest.decode.RecordRejectedException;
import dev.pipelog.model.LogRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.time.Duration;
import java.util.Optional;

/**
 * The opt-in GELF listener ({@code PIPELOG_GELF_PORT}): UDP (chunked, gzip/zlib/plain: what Docker's
 * gelf log driver sends) and TCP (NUL-delimited JSON) on 127.0.0.1, with the durability rules of
 * {@link LoopbackSocketListener}. Loopback only (GELF carries no token). Thread-safe.
 */
final class GelfListener implements LoopbackSocketListener.Protocol<byte[]> {
    private static final int MAX_DATAGRAM = 65_535;

    private final GelfDecoder decoder;
    private final long maxMessageBytes;
    private final GelfChunks chunks = new GelfChunks(Duration.ofSeconds(5));
    private LoopbackSocketListener<byte[]> sockets;

    private GelfListener(long maxMessageBytes) {
        this.decoder = new GelfDecoder(maxMessageBytes);
        this.maxMessageBytes = maxMessageBytes;
    }

    static GelfListener start(Intake intake, int port, long maxMessageBytes) throws IOException {
        GelfListener listener = new GelfListener(maxMessageBytes);
        listener.sockets = LoopbackSocketListener.start(intake, port, listener);
        return listener;
    }

    int port() {
        return sockets.port();
    }

    void stop(Duration grace) {
        sockets.stop(grace);
    }

    @Override
    public String name() {
        return "GELF";
    }

    @Override
    public int maxDatagramBytes() {
        return MAX_DATAGRAM;
    }

    @Override
    public LoopbackSocketListener.Frames<byte[]> frames(InputStream in) {
        return () -> frame(in);
    }

    /** The bytes up to the next NUL (or newline, which some senders use); null at the end of the stream. */
    private byte[] frame(InputStream in) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(512);
        int b;
        while ((b = in.read()) >= 0) {
            if (b == 0 || b == '\n') {
                return frame.toByteArray();
            }
            if (frame.size() < maxMessageBytes) {
                frame.write(b);
            }
        }
        return frame.size() > 0 ? frame.toByteArray() : null;
    }

    @Override
    public Optional<byte[]> datagram(DatagramPacket packet) {
        return chunks.accept(packet.getData(), packet.getLength(), System.nanoTime());
    }

    @Override
    public boolean isEmpty(byte[] message) {
        return message.length == 0;
    }

    @Override
    public LogRecord decode(byte[] message, IntakeContext context)
            throws MalformedBodyException, BodyTooLargeException, RecordRejectedException {
        return decoder.decodeMessage(message, context);
    }
}
