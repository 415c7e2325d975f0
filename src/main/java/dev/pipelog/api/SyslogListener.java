package dev.pipelog.api;

import dev.pipelog.ingest.Intake;
import dev.pipelog.ingest.decode.IntakeContext;
import dev.pipelog.ingest.decode.RecordRejectedException;
import dev.pipelog.ingest.decode.SyslogFrames;
import dev.pipelog.ingest.decode.SyslogMessageParser;
import dev.pipelog.model.LogRecord;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The opt-in syslog listener ({@code PIPELOG_SYSLOG_PORT}): TCP and UDP on 127.0.0.1, RFC 5424 and
 * RFC 3164 messages (RFC 6587 framing on TCP, a datagram is a message on UDP), each decoded by
 * {@link SyslogMessageParser} into the one Intake, with the durability rules of
 * {@link LoopbackSocketListener}. Loopback only: syslog carries no token. Start once, stop once.
 * Thread-safe.
 */
final class SyslogListener implements LoopbackSocketListener.Protocol<String>, AutoCloseable {
    private static final int MAX_FRAME_BYTES = 64 * 1024;

    private final SyslogMessageParser parser = new SyslogMessageParser(ZoneId.systemDefault());
    private LoopbackSocketListener<String> sockets;

    private SyslogListener() {
    }

    /** Binds TCP and UDP on 127.0.0.1:{@code port} (0: a free port, the same number for both) and starts. */
    static SyslogListener start(Intake intake, int port) throws IOException {
        SyslogListener listener = new SyslogListener();
        listener.sockets = LoopbackSocketListener.start(intake, port, listener);
        return listener;
    }

    int port() {
        return sockets.port();
    }

    int droppedDatagrams() {
        return sockets.droppedDatagrams();
    }

    /** Stops accepting, closes every connection, and waits up to {@code grace} for bursts in flight. */
    void stop(Duration grace) {
        sockets.stop(grace);
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }

    @Override
    public String name() {
        return "syslog";
    }

    @Override
    public int maxDatagramBytes() {
        return MAX_FRAME_BYTES;
    }

    @Override
    public LoopbackSocketListener.Frames<String> frames(InputStream in) {
        SyslogFrames frames = new SyslogFrames(in, MAX_FRAME_BYTES);
        return frames::next;
    }

    @Override
    public Optional<String> datagram(DatagramPacket packet) {
        return Optional.of(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
    }

    // An empty syslog frame is still a message: the parser decides whether to refuse it.
    @Override
    public boolean isEmpty(String message) {
        return false;
    }

    @Override
    public LogRecord decode(String message, IntakeContext context) throws RecordRejectedException {
        return parser.parse(message, context);
    }
}
