package dev.pipelog.ingest.decode;

import java.util.Locale;
import java.util.Optional;

/**
 * The formats records arrive in; {@link #source()} is stored as a record's {@code source}. Only the
 * first three are chosen by {@code Content-Type} on {@code POST /api/logs}; the shippers' protocols
 * have routes of their own, and {@link #FILE} is never a request body.
 */
public enum WireFormat {
    /** One JSON object or a JSON array of objects. */
    JSON("json"),
    /** One JSON object per line. */
    NDJSON("ndjson"),
    /** A form post of a Python {@code logging.LogRecord}'s attributes, as {@code logging.handlers.HTTPHandler} sends. */
    PYTHON_HTTPHANDLER("python-httphandler"),
    /** OpenTelemetry logs over OTLP/HTTP (protobuf or JSON). */
    OTLP_LOGS("otlp"),
    /** OpenTelemetry spans over OTLP/HTTP: each span is stored as one record. */
    OTLP_TRACES("otlp-trace"),
    /** Loki's push API (snappy protobuf or JSON). */
    LOKI("loki"),
    /** Elasticsearch's bulk API. */
    ELASTICSEARCH_BULK("elasticsearch"),
    /** Seq: CLEF lines or the {@code {"Events":[...]}} JSON body. */
    SEQ("seq"),
    /** Splunk's HTTP Event Collector. */
    SPLUNK_HEC("splunk-hec"),
    /** Graylog Extended Log Format (HTTP, UDP or TCP). */
    GELF("gelf"),
    /** Syslog (RFC 5424 or RFC 3164) over TCP or UDP. */
    SYSLOG("syslog"),
    /** Lines of a log file, imported or followed (ingest/file); never a request body. */
    FILE("file");

    private final String source;

    WireFormat(String source) {
        this.source = source;
    }

    public String source() {
        return source;
    }

    /**
     * The format a {@code Content-Type} announces. A missing type is read as JSON, the common case of
     * hand-written clients.
     *
     * @return empty for a type Pipelog does not read (answered with 415)
     */
    public static Optional<WireFormat> forContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return Optional.of(JSON);
        }
        String mime = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        switch (mime) {
            case "application/json": case "text/json":
                return Optional.of(JSON);
            case "application/x-ndjson": case "application/ndjson": case "application/jsonl":
            case "application/x-jsonlines": case "application/jsonlines":
                return Optional.of(NDJSON);
            case "application/x-www-form-urlencoded":
                return Optional.of(PYTHON_HTTPHANDLER);
            default:
                return mime.startsWith("application/") && mime.endsWith("+json") ? Optional.of(JSON) : Optional.empty();
        }
    }
}
