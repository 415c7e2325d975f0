package dev.pipelog.api;

import dev.pipelog.ingest.HealthService;
import dev.pipelog.ingest.Intake;
import dev.pipelog.ingest.PipelineSettingsService;
import dev.pipelog.store.LogStore;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import java.util.List;
import java.util.Set;

/**
 * The routing table: every endpoint with its method, path template and accepted query parameters.
 * The OpenAPI document is tested against this list, so the two cannot drift apart.
 */
final class ApiRoutes {
    static final String INTAKE_PATH = "/api/logs";

    private ApiRoutes() {
    }

    /** One endpoint. Store-backed handlers are already wrapped for blocking dispatch. */
    record Route(String method, String template, Set<String> parameters, HttpHandler handler) {
    }

    static List<Route> table(LogStore store, Intake intake, HealthService health,
                             PipelineSettingsService pipelineSettings, long maxBodyBytes, BodyBudget bodyBudget,
                             OverloadCount overloads, IntakeRequestTally intakeRequests,
                             List<String> lokiPipelineLabels) {
        return List.of(
                new Route("POST", INTAKE_PATH, Set.of(), intake(new IntakeHandler(intake, overloads, maxBodyBytes, bodyBudget))),
                new Route("GET", "/api/logs/pipeline/{pipeline_id}", PipelineLogsHandler.PARAMETERS,
                        blocking(new PipelineLogsHandler(store), maxBodyBytes)),
                new Route("GET", "/api/logs/pipeline/{pipeline_id}/executions", ExecutionsHandler.PARAMETERS,
                        blocking(new ExecutionsHandler(store), maxBodyBytes)),
                new Route("GET", "/api/logs/search", SearchHandler.PARAMETERS,
                        blocking(new SearchHandler(store), maxBodyBytes)),
                new Route("GET", "/api/logs/stats", StatsHandler.PARAMETERS,
                        blocking(new StatsHandler(store), maxBodyBytes)),
                new Route("GET", "/api/logs/correlation/{correlation_id}", CorrelationHandler.PARAMETERS,
                        blocking(new CorrelationHandler(store), maxBodyBytes)),
                new Route("POST", "/api/logs/cleanup", CleanupHandler.PARAMETERS,
                        blocking(new CleanupHandler(store, pipelineSettings), maxBodyBytes)),
                new Route("GET", "/api/health", HealthHandler.PARAMETERS,
                        blocking(new HealthHandler(health, overloads, intakeRequests), maxBodyBytes)),
                new Route("GET", "/api/openapi.json", OpenApiHandler.PARAMETERS, new OpenApiHandler()),
                protocol("POST", "/v1/logs", new OtlpEndpoint(OtlpEndpoint.Signal.LOGS, maxBodyBytes),
                        intake, overloads, maxBodyBytes, bodyBudget),
                protocol("POST", "/v1/traces", new OtlpEndpoint(OtlpEndpoint.Signal.TRACES, maxBodyBytes),
                        intake, overloads, maxBodyBytes, bodyBudget),
                new Route("POST", "/api/events/raw", SeqEndpoint.PARAMETERS, intake(new ProtocolIntakeHandler(
                        new SeqEndpoint(maxBodyBytes, pipelineSettings, false), intake, overloads, maxBodyBytes, bodyBudget))),
                protocol("POST", "/ingest/clef", new SeqEndpoint(maxBodyBytes, pipelineSettings, true),
                        intake, overloads, maxBodyBytes, bodyBudget),
                protocol("POST", "/loki/api/v1/push", new LokiEndpoint(maxBodyBytes, lokiPipelineLabels),
                        intake, overloads, maxBodyBytes, bodyBudget),
                splunk("/services/collector", false, intake, overloads, maxBodyBytes, bodyBudget),
                splunk("/services/collector/event", false, intake, overloads, maxBodyBytes, bodyBudget),
                splunk("/services/collector/event/1.0", false, intake, overloads, maxBodyBytes, bodyBudget),
                splunk("/services/collector/raw", true, intake, overloads, maxBodyBytes, bodyBudget),
                splunk("/services/collector/raw/1.0", true, intake, overloads, maxBodyBytes, bodyBudget),
                new Route("GET", "/services/collector/health", SplunkHealthHandler.PARAMETERS, new SplunkHealthHandler()),
                new Route("GET", "/", ElasticRootHandler.PARAMETERS, new ElasticRootHandler()),
                protocol("POST", "/gelf", new GelfEndpoint(maxBodyBytes), intake, overloads, maxBodyBytes, bodyBudget),
                new Route("POST", "/_bulk", ElasticBulkEndpoint.PARAMETERS, new ProtocolIntakeHandler(
                        new ElasticBulkEndpoint(maxBodyBytes), intake, overloads, maxBodyBytes, bodyBudget)),
                new Route("POST", "/{index}/_bulk", ElasticBulkEndpoint.PARAMETERS, new ProtocolIntakeHandler(
                        new ElasticBulkEndpoint(maxBodyBytes), intake, overloads, maxBodyBytes, bodyBudget)));
    }

    static RoutingHandler routing(List<Route> routes) {
        RoutingHandler routing = new RoutingHandler(false);
        for (Route r : routes) {
            routing.add(r.method(), r.template(), r.handler());
        }
        routing.setFallbackHandler(exchange -> {
            throw new ApiException(404, "not_found", "no endpoint " + exchange.getRequestPath()
                    + "; see /api/openapi.json");
        });
        routing.setInvalidMethodHandler(exchange -> {
            throw new ApiException(405, "method_not_allowed", exchange.getRequestMethod() + " is not allowed on "
                    + exchange.getRequestPath());
        });
        return routing;
    }

    /** A shippers' protocol route (docs/intake/): the common intake path, the protocol's own shapes. */
    private static Route protocol(String method, String template, ProtocolEndpoint endpoint, Intake intake,
                                  OverloadCount overloads, long maxBodyBytes, BodyBudget bodyBudget) {
        return new Route(method, template, Set.of(),
                intake(new ProtocolIntakeHandler(endpoint, intake, overloads, maxBodyBytes, bodyBudget)));
    }

    /** Marks the exchange as an intake request, which the request log counts instead of storing. */
    private static HttpHandler intake(HttpHandler handler) {
        return exchange -> {
            exchange.putAttachment(RequestLoggingHandler.INTAKE_REQUEST, Boolean.TRUE);
            handler.handleRequest(exchange);
        };
    }

    private static Route splunk(String path, boolean raw, Intake intake, OverloadCount overloads, long maxBodyBytes,
                                BodyBudget bodyBudget) {
        return new Route("POST", path, raw ? SplunkHecEndpoint.RAW_PARAMETERS : SplunkHecEndpoint.EVENT_PARAMETERS,
                new ProtocolIntakeHandler(new SplunkHecEndpoint(maxBodyBytes, raw), intake, overloads, maxBodyBytes,
                        bodyBudget));
    }

    private static HttpHandler blocking(HttpHandler handler, long maxBodyBytes) {
        return new BlockingDispatchHandler(handler, maxBodyBytes);
    }
}
