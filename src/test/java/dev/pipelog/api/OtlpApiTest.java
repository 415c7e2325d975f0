package dev.pipelog.api;

import static dev.pipelog.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.CodedInputStream;
import dev.pipelog.ingest.IntakeResult;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OTLP/HTTP against the real listener, with the OpenTelemetry Java SDK's own OTLP HTTP exporters. */
class OtlpApiTest {
    private static final String PROTOBUF = "application/x-protobuf";
    private static final String TRACE_ID = "5b8efff798038103d269b633813fc60c";
    private static final String SPAN_ID = "eee19b7ec3c1b174";

    @TempDir
    Path dir;
    private ApiFixture api;

    @BeforeEach
    void start() {
        api = ApiFixture.start(dir, Map.of("PIPELOG_MAX_BODY", "256KB"));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void theJavaSdkLogExporterIsAcknowledgedAndItsRecordsAreStoredFieldByField() {
        OtlpHttpLogRecordExporter exporter = OtlpHttpLogRecordExporter.builder()
                .setEndpoint(api.uri("/v1/logs").toString()).setCompression("gzip").build();
        SdkLoggerProvider provider = SdkLoggerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
                        AttributeKey.stringKey("service.name"), "checkout",
                        AttributeKey.stringKey("host.name"), "etl-01"))))
                .addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter)).build();
        try {
            Context withSpan = Context.root().with(Span.wrap(SpanContext.create(TRACE_ID, SPAN_ID,
                    TraceFlags.getSampled(), TraceState.getDefault())));
            provider.get("dlt.load").logRecordBuilder()
                    .setTimestamp(Instant.parse("2026-11-28T10:15:30.123456Z"))
                    .setSeverity(Severity.ERROR).setSeverityText("ERROR")
                    .setBody("load failed")
                    .setContext(withSpan)
                    .setAttribute(AttributeKey.stringKey("pipeline.id"), "daily_sales")
                    .setAttribute(AttributeKey.stringKey("code.function"), "run")
                    .setAttribute(AttributeKey.longKey("code.lineno"), 42L)
                    .setAttribute(AttributeKey.stringKey("exception.stacktrace"), "ValueError: bad row")
                    .setAttribute(AttributeKey.longKey("rows"), 10L)
                    .emit();
            provider.get("dlt.load").logRecordBuilder().setSeverity(Severity.WARN).setBody("second").emit();
            CompletableResultCode flushed = provider.forceFlush().join(20, TimeUnit.SECONDS);
            assertThat(flushed.isSuccess()).as("the exporter counts the answer as success").isTrue();
        } finally {
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }

        JsonNode error = api.searchAll("pipeline_id=daily_sales").get(0);
        assertThat(error.path("message").asText()).isEqualTo("load failed");
        assertThat(error.path("level").asText()).isEqualTo("ERROR");
        assertThat(error.path("timestamp").asText()).isEqualTo("2026-11-28T10:15:30.123456Z");
        assertThat(error.path("logger").asText()).isEqualTo("dlt.load");
        assertThat(error.path("correlation_id").asText()).isEqualTo(TRACE_ID);
        assertThat(error.path("span_id").asText()).isEqualTo(SPAN_ID);
        assertThat(error.path("function").asText()).isEqualTo("run");
        assertThat(error.path("line").asInt()).isEqualTo(42);
        assertThat(error.path("stack_trace").asText()).isEqualTo("ValueError: bad row");
        assertThat(error.path("host").asText()).isEqualTo("etl-01");
        assertThat(error.path("source").asText()).isEqualTo("otlp");
        assertThat(error.path("extra").path("rows").asInt()).isEqualTo(10);
        assertThat(error.path("extra").path("resource").path("telemetry.sdk.language").asText()).isEqualTo("java");
        JsonNode warning = api.searchAll("pipeline_id=checkout").get(0);
        assertThat(warning.path("level").asText()).isEqualTo("WARNING");
        assertThat(warning.path("message").asText()).isEqualTo("second");
    }

    @Test
    void theJavaSdkSpanExporterFillsTheCorrelationTreeWithRealSpans() {
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(api.uri("/v1/traces").toString()).build();
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "daily_sales")))
                .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
        String traceId;
        try {
            Tracer tracer = provider.get("etl");
            Span run = tracer.spanBuilder("run pipeline").startSpan();
            traceId = run.getSpanContext().getTraceId();
            try (Scope ignored = run.makeCurrent()) {
                Span load = tracer.spanBuilder("load orders").startSpan();
                load.setStatus(StatusCode.ERROR, "constraint violated");
                load.end();
            }
            run.end();
            assertThat(provider.forceFlush().join(20, TimeUnit.SECONDS).isSuccess()).isTrue();
        } finally {
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }

        JsonNode correlation = json(api.get("/api/logs/correlation/" + traceId));
        assertThat(correlation.path("records")).hasSize(2);
        JsonNode root = correlation.path("tree").get(0);
        assertThat(root.path("label").asText()).isEqualTo("run pipeline");
        assertThat(root.path("children").get(0).path("label").asText()).isEqualTo("load orders");
        JsonNode load = api.searchAll("correlation_id=" + traceId + "&level=ERROR").get(0);
        assertThat(load.path("source").asText()).isEqualTo("otlp-trace");
        assertThat(load.path("extra").path("status_message").asText()).isEqualTo("constraint violated");
        assertThat(load.path("extra").path("duration_ms").isNumber()).isTrue();
    }

    @Test
    void theCorrelationTreeGivesSpansTheirOwnDurations() {
        Instant start = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minusSeconds(60);
        Instant childStart = start.plusSeconds(1);
        String spans = "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":["
                + span("run pipeline", SPAN_ID, null, start, start.plusMillis(5_500)) + ","
                + span("load orders", "00f067aa0ba902b7", SPAN_ID, childStart, childStart.plusMillis(1_250)) + "]}]}]}";
        assertThat(api.post("/v1/traces", "application/json", spans).statusCode()).isEqualTo(200);
        String logs = "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"body\":{\"stringValue\":\"loaded\"},"
                + "\"timeUnixNano\":\"" + nanos(childStart.plusMillis(500)) + "\",\"traceId\":\"" + TRACE_ID
                + "\",\"spanId\":\"00f067aa0ba902b7\",\"severityNumber\":9}]}]}]}";
        assertThat(api.post("/v1/logs", "application/json", logs).statusCode()).isEqualTo(200);

        JsonNode correlation = json(api.get("/api/logs/correlation/" + TRACE_ID));

        assertThat(correlation.path("records")).hasSize(3);
        JsonNode root = correlation.path("tree").get(0);
        assertThat(root.path("label").asText()).isEqualTo("run pipeline");
        assertThat(root.path("duration_ms").asLong()).isEqualTo(5_500);
        assertThat(Instant.parse(root.path("end").asText())).isEqualTo(start.plusMillis(5_500));
        JsonNode child = root.path("children").get(0);
        assertThat(child.path("label").asText()).isEqualTo("load orders");
        assertThat(child.path("records").asLong()).as("the span and the log inside it").isEqualTo(2);
        assertThat(child.path("duration_ms").asLong()).isEqualTo(1_250);
    }

    private static String span(String name, String spanId, String parent, Instant start, Instant end) {
        return "{\"traceId\":\"" + TRACE_ID + "\",\"spanId\":\"" + spanId + "\","
                + (parent == null ? "" : "\"parentSpanId\":\"" + parent + "\",")
                + "\"name\":\"" + name + "\",\"kind\":1,\"startTimeUnixNano\":\"" + nanos(start)
                + "\",\"endTimeUnixNano\":\"" + nanos(end) + "\"}";
    }

    private static String nanos(Instant t) {
        return String.valueOf(TimeUnit.SECONDS.toNanos(t.getEpochSecond()) + t.getNano());
    }

    @Test
    void someRefusedRecordsAreReportedAsPartialSuccessInProtobuf() throws Exception {
        ExportLogsServiceRequest request = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .addScopeLogs(ScopeLogs.newBuilder()
                        .addLogRecords(LogRecord.newBuilder().setBody(text("kept"))
                                .addAttributes(attribute("pipeline.id", "partial")))
                        .addLogRecords(LogRecord.newBuilder().setBody(text("refused"))
                                .addAttributes(attribute("pipeline.id", "x".repeat(2000))))))
                .build();
        HttpResponse<byte[]> r = postBytes("/v1/logs", PROTOBUF, request.toByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(PROTOBUF);
        ExportLogsServiceResponse response = ExportLogsServiceResponse.parseFrom(r.body());
        assertThat(response.getPartialSuccess().getRejectedLogRecords()).isEqualTo(1);
        assertThat(response.getPartialSuccess().getErrorMessage()).contains("#1", "pipeline_id is longer than");
        assertThat(api.searchAll("pipeline_id=partial")).extracting(n -> n.path("message").asText()).containsExactly("kept");
    }

    @Test
    void jsonIsAnsweredInJsonWithHexIds() {
        String body = "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"body\":{\"stringValue\":\"hello\"},"
                + "\"traceId\":\"" + TRACE_ID + "\",\"spanId\":\"" + SPAN_ID + "\",\"severityNumber\":9,"
                + "\"attributes\":[{\"key\":\"pipeline_id\",\"value\":{\"stringValue\":\"json_otlp\"}}]}]}]}]}";
        HttpResponse<String> r = api.post("/v1/logs", "application/json", body);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(json(r).isObject()).isTrue();
        assertThat(json(r).has("partialSuccess")).isFalse();
        JsonNode stored = api.searchAll("pipeline_id=json_otlp").get(0);
        assertThat(stored.path("correlation_id").asText()).isEqualTo(TRACE_ID);
        assertThat(stored.path("span_id").asText()).isEqualTo(SPAN_ID);
    }

    @Test
    void anAcceptedExportIsCountedAsIntakeNotStoredAsARequestLogRecord() throws InterruptedException {
        ExportLogsServiceRequest request = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(LogRecord.newBuilder().setBody(text("counted")))))
                .build();
        assertThat(postBytes("/v1/logs", PROTOBUF, request.toByteArray()).statusCode()).isEqualTo(200);
        // A read after the post is logged; once its record is there, the post's would be too.
        api.get("/api/health", "X-Correlation-Id", "after-export");
        api.awaitSearch("pipeline_id=pipelog-http&correlation_id=after-export", r -> r.path("items").size() > 0);
        assertThat(json(api.get("/api/health")).path("intake_requests").asLong()).isEqualTo(1);
        assertThat(api.searchAll("pipeline_id=pipelog-http")).as("no request-log record per accepted batch")
                .extracting(r -> r.path("extra").path("path").asText()).doesNotContain("/v1/logs");
    }

    @Test
    void anUnreadableBodyIs400WithAStatusAndKeepsNothing() throws Exception {
        HttpResponse<byte[]> r = postBytes("/v1/logs", PROTOBUF, new byte[]{0x0a, (byte) 0xff, (byte) 0xff, 0x7f, 1});
        assertThat(r.statusCode()).isEqualTo(400);
        CodedInputStream status = CodedInputStream.newInstance(r.body());
        assertThat(status.readTag()).isEqualTo(1 << 3);
        assertThat(status.readInt32()).as("google.rpc.Code INVALID_ARGUMENT").isEqualTo(3);
        assertThat(status.readTag()).isEqualTo(2 << 3 | 2);
        assertThat(status.readString()).contains("not a valid OTLP protobuf message");

        HttpResponse<String> j = api.post("/v1/logs", "application/json", "{\"resourceLogs\":[");
        assertThat(j.statusCode()).isEqualTo(400);
        assertThat(json(j).path("code").asInt()).isEqualTo(3);
        assertThat(json(j).path("message").asText()).contains("malformed JSON");
        assertThat(api.post("/v1/logs", "text/plain", "x").statusCode()).isEqualTo(415);
        assertThat(api.searchAll("q=")).as("only the listener's own request log")
                .allMatch(n -> n.path("source").asText().equals("request-log"));
    }

    @Test
    void aFullQueueIs429WithRetryAfterSoExportersRetry() {
        api.engine.intake().answerNextWith(new IntakeResult.Overloaded(Duration.ofSeconds(3)));
        ExportLogsServiceRequest request = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(LogRecord.newBuilder().setBody(text("later")))))
                .build();
        HttpResponse<byte[]> r = postBytes("/v1/logs", PROTOBUF, request.toByteArray());
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("3");

        api.engine.intake().answerNextWith(new IntakeResult.Unavailable("disk gone", Duration.ofSeconds(5)));
        HttpResponse<String> j = api.post("/v1/traces", "application/json", "{}");
        assertThat(j.statusCode()).isEqualTo(503);
        assertThat(j.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(json(j).path("code").asInt()).as("google.rpc.Code UNAVAILABLE").isEqualTo(14);
    }

    private HttpResponse<byte[]> postBytes(String path, String type, byte[] body) {
        HttpRequest request = api.request(path).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            return api.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static AnyValue text(String s) {
        return AnyValue.newBuilder().setStringValue(s).build();
    }

    private static KeyValue attribute(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(text(value)).build();
    }

}
