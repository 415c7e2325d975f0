package dev.pipelog.api;

import dev.pipelog.ingest.IntakeBatch;
import dev.pipelog.ingest.Rejection;
import dev.pipelog.ingest.decode.LokiDecoder;
import io.undertow.server.HttpServerExchange;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code POST /loki/api/v1/push}: snappy protobuf ({@code application/x-protobuf}) or JSON. 204 when
 * every entry is durable. Like Loki, entries it refuses make the answer a 400 with plain-text reasons,
 * while the other entries of the push are kept: Promtail and Alloy do not resend on a 400, so nothing
 * is stored twice. Errors are plain text, as Loki's.
 */
final class LokiEndpoint implements ProtocolEndpoint {
    private static final int MAX_REASONS = 5;

    private final LokiDecoder decoder;

    LokiEndpoint(long maxBodyBytes, List<String> pipelineLabels) {
        this.decoder = new LokiDecoder(maxBodyBytes, pipelineLabels);
    }

    @Override
    public Decoding prepare(HttpServerExchange exchange) {
        String type = ProtocolIntakeHandler.mediaType(exchange);
        switch (type) {
            case "application/x-protobuf": case "application/protobuf": case "":
                return decoder::decodeProtobuf;
            case "application/json":
                return decoder::decodeJson;
            default:
                throw new ApiException(415, "unsupported_media_type",
                        "Loki push takes application/x-protobuf (snappy) or application/json");
        }
    }

    @Override
    public void accepted(HttpServerExchange exchange, IntakeBatch batch, int accepted, List<Rejection> rejections) {
        if (rejections.isEmpty()) {
            exchange.setStatusCode(204);
            exchange.endExchange();
            return;
        }
        String reasons = rejections.stream().limit(MAX_REASONS).map(r -> "entry " + r.index() + ": " + r.reason())
                .collect(Collectors.joining("\n"));
        String text = rejections.size() + " entries refused (" + accepted + " stored; do not send them again):\n"
                + reasons + (rejections.size() > MAX_REASONS ? "\n..." : "") + "\n";
        Responses.bytes(exchange, 400, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void failed(HttpServerExchange exchange, ApiError error) {
        Responses.retryAfter(exchange, error);
        Responses.bytes(exchange, error.status(), "text/plain; charset=utf-8",
                (error.message() + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
