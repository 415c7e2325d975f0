package dev.pipelog.api;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.pipelog.ingest.IntakeBatch;
import dev.pipelog.ingest.Rejection;
import dev.pipelog.ingest.decode.OtlpDecoder;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.undertow.server.HttpServerExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code POST /v1/logs} and {@code POST /v1/traces} (OTLP/HTTP): protobuf or JSON in, the export
 * response in the request's encoding out. Success is 200 with {@code partial_success} when some
 * records were refused; failures carry a {@code google.rpc.Status} (400 is never retried by
 * clients, 429/503 are, after Retry-After).
 */
final class OtlpEndpoint implements ProtocolEndpoint {
    private static final String PROTOBUF = "application/x-protobuf";
    private static final String JSON = "application/json";
    private static final int MAX_REASONS = 5;
    /** google.rpc.Code values for the statuses OTLP answers with. */
    private static final int INVALID_ARGUMENT = 3;
    private static final int RESOURCE_EXHAUSTED = 8;
    private static final int UNAVAILABLE = 14;
    private static final int UNAUTHENTICATED = 16;
    private static final int INTERNAL = 13;

    enum Signal { LOGS, TRACES }

    private final Signal signal;
    private final OtlpDecoder decoder;

    OtlpEndpoint(Signal signal, long maxBodyBytes) {
        this.signal = signal;
        this.decoder = new OtlpDecoder(maxBodyBytes);
    }

    @Override
    public Decoding prepare(HttpServerExchange exchange) {
        OtlpDecoder.Encoding encoding = encoding(exchange);
        if (encoding == null) {
            throw new ApiException(415, "unsupported_media_type",
                    "OTLP/HTTP takes application/x-protobuf or application/json");
        }
        return signal == Signal.LOGS
                ? (body, context) -> decoder.decodeLogs(body, encoding, context)
                : (body, context) -> decoder.decodeTraces(body, encoding, context);
    }

    private static OtlpDecoder.Encoding encoding(HttpServerExchange exchange) {
        switch (ProtocolIntakeHandler.mediaType(exchange)) {
            case PROTOBUF: case "application/protobuf": return OtlpDecoder.Encoding.PROTOBUF;
            case JSON: return OtlpDecoder.Encoding.JSON;
            default: return null;
        }
    }

    @Override
    public void accepted(HttpServerExchange exchange, IntakeBatch batch, int accepted, List<Rejection> rejections) {
        Message response;
        if (signal == Signal.LOGS) {
            ExportLogsServiceResponse.Builder b = ExportLogsServiceResponse.newBuilder();
            if (!rejections.isEmpty()) {
                b.setPartialSuccess(ExportLogsPartialSuccess.newBuilder()
                        .setRejectedLogRecords(rejections.size()).setErrorMessage(reasons(rejections)));
            }
            response = b.build();
        } else {
            ExportTraceServiceResponse.Builder b = ExportTraceServiceResponse.newBuilder();
            if (!rejections.isEmpty()) {
                b.setPartialSuccess(ExportTracePartialSuccess.newBuilder()
                        .setRejectedSpans(rejections.size()).setErrorMessage(reasons(rejections)));
            }
            response = b.build();
        }
        if (encoding(exchange) == OtlpDecoder.Encoding.JSON) {
            try {
                Responses.bytes(exchange, 200, JSON,
                        JsonFormat.printer().print(response).getBytes(StandardCharsets.UTF_8));
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("an export response always prints as JSON", e);
            }
        } else {
            Responses.bytes(exchange, 200, PROTOBUF, response.toByteArray());
        }
    }

    private static String reasons(List<Rejection> rejections) {
        String shown = rejections.stream().limit(MAX_REASONS)
                .map(r -> "#" + r.index() + ": " + r.reason()).collect(Collectors.joining("; "));
        return rejections.size() > MAX_REASONS ? shown + "; and " + (rejections.size() - MAX_REASONS) + " more" : shown;
    }

    @Override
    public void failed(HttpServerExchange exchange, ApiError error) {
        Responses.retryAfter(exchange, error);
        String message = error.message();
        int code = code(error.status());
        if (encoding(exchange) == OtlpDecoder.Encoding.JSON) {
            String json = "{\"code\":" + code + ",\"message\":" + jsonString(message) + "}";
            Responses.bytes(exchange, error.status(), JSON, json.getBytes(StandardCharsets.UTF_8));
        } else {
            Responses.bytes(exchange, error.status(), PROTOBUF, status(code, message));
        }
    }

    private static int code(int httpStatus) {
        switch (httpStatus) {
            case 401: case 403: return UNAUTHENTICATED;
            case 429: return RESOURCE_EXHAUSTED;
            case 503: return UNAVAILABLE;
            default: return httpStatus >= 500 ? INTERNAL : INVALID_ARGUMENT;
        }
    }

    /** A {@code google.rpc.Status} (code = 1, message = 2); its two scalar fields need no generated class. */
    private static byte[] status(int code, String message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            out.writeInt32(1, code);
            out.writeString(2, message);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String jsonString(String text) {
        try {
            return dev.pipelog.ingest.RecordJson.MAPPER.writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a string always serialises", e);
        }
    }
}
