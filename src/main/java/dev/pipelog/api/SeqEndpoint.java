package dev.pipelog.api;

import dev.pipelog.ingest.IntakeBatch;
import dev.pipelog.ingest.PipelineSettingsService;
import dev.pipelog.ingest.Rejection;
import dev.pipelog.ingest.decode.SeqDecoder;
import dev.pipelog.model.Level;
import dev.pipelog.model.LogRecord;
import dev.pipelog.model.PipelineSettings;
import io.undertow.server.HttpServerExchange;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Seq's intake: {@code POST /api/events/raw} (CLEF with {@code ?clef} or
 * {@code Content-Type: application/vnd.serilog.clef}, else the {@code {"Events":[...]}} JSON of Seq's
 * own clients) and {@code POST /ingest/clef}. Success is 201 with {@code MinimumLevelAccepted}: the
 * minimum level of the pipeline the events belong to (null when none is set, or for several
 * pipelines), so Serilog's controlled level switch stops sending what Pipelog would drop. Errors are
 * Seq's {@code {"Error": "..."}}.
 */
final class SeqEndpoint implements ProtocolEndpoint {
    static final Set<String> PARAMETERS = Set.of("clef");
    private static final String CLEF = "application/vnd.serilog.clef";

    private final SeqDecoder decoder;
    private final PipelineSettingsService pipelineSettings;
    private final boolean alwaysClef;

    /** @param alwaysClef true for {@code /ingest/clef}, which takes only CLEF */
    SeqEndpoint(long maxBodyBytes, PipelineSettingsService pipelineSettings, boolean alwaysClef) {
        this.decoder = new SeqDecoder(maxBodyBytes);
        this.pipelineSettings = pipelineSettings;
        this.alwaysClef = alwaysClef;
    }

    @Override
    public Decoding prepare(HttpServerExchange exchange) {
        String type = ProtocolIntakeHandler.mediaType(exchange);
        boolean clef = alwaysClef || exchange.getQueryParameters().containsKey("clef") || type.equals(CLEF);
        if (clef) {
            return decoder::decodeClef;
        }
        if (type.equals("application/json") || type.isEmpty()) {
            return decoder::decodeEventsJson;
        }
        throw new ApiException(415, "unsupported_media_type", "send " + CLEF + " (or ?clef) or application/json"
                + " with {\"Events\": [...]}");
    }

    @Override
    public void accepted(HttpServerExchange exchange, IntakeBatch batch, int accepted, List<Rejection> rejections) {
        Level minimum = minimumLevel(batch.records());
        if (!rejections.isEmpty()) {
            // Seq refuses a batch with an invalid event as a whole (400); Pipelog kept the valid ones,
            // which a client must not send again: the answer stays a success and says what was dropped.
            exchange.getResponseHeaders().put(io.undertow.util.HttpString.tryFromString("X-Pipelog-Rejected"),
                    rejections.size());
        }
        Responses.json(exchange, 201, g -> {
            g.writeStartObject();
            if (minimum == null) {
                g.writeNullField("MinimumLevelAccepted");
            } else {
                g.writeStringField("MinimumLevelAccepted", seqName(minimum));
            }
            if (!rejections.isEmpty()) {
                g.writeArrayFieldStart("Rejected");
                for (Rejection r : rejections) {
                    g.writeStartObject();
                    g.writeNumberField("index", r.index());
                    g.writeStringField("reason", r.reason());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        });
    }

    private Level minimumLevel(List<LogRecord> records) {
        Set<String> pipelines = records.stream().map(LogRecord::pipelineId)
                .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
        if (pipelines.size() != 1) {
            return null;
        }
        return pipelineSettings.get(pipelines.iterator().next()).map(PipelineSettings::minLevel).orElse(null);
    }

    static String seqName(Level level) {
        switch (level) {
            case TRACE: return "Verbose";
            case DEBUG: return "Debug";
            case INFO: return "Information";
            case WARNING: return "Warning";
            case ERROR: return "Error";
            default: return "Fatal";
        }
    }

    @Override
    public void failed(HttpServerExchange exchange, ApiError error) {
        Responses.retryAfter(exchange, error);
        Responses.json(exchange, error.status(), g -> {
            g.writeStartObject();
            g.writeStringField("Error", error.message());
            g.writeEndObject();
        });
    }
}
