package dev.pipelog.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipelog.ingest.RecordJson;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shipped OpenAPI document describes exactly the routes the server has, with their parameters. */
class OpenApiContractTest {
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([a-z_]+)}");

    @Test
    void everyRouteIsDocumentedAndNothingElse() throws Exception {
        JsonNode doc = RecordJson.MAPPER.readTree(OpenApiHandler.load());
        assertThat(doc.path("openapi").asText()).startsWith("3.");

        Map<String, ApiRoutes.Route> routes = new HashMap<>();
        for (ApiRoutes.Route r : ApiRoutes.table(null, null, null, null, 1024, new BodyBudget(1024, 1024), new OverloadCount(),
                new IntakeRequestTally(), List.of("job"))) {
            routes.put(r.method() + " " + r.template(), r);
        }
        Map<String, JsonNode> documented = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next();
                documented.put(method.toUpperCase(Locale.ROOT) + " " + path.getKey(), path.getValue().get(method));
            }
        }
        assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(routes.keySet());

        for (Map.Entry<String, ApiRoutes.Route> e : routes.entrySet()) {
            JsonNode operation = documented.get(e.getKey());
            assertThat(parameters(operation, "query")).as("query parameters of " + e.getKey())
                    .containsExactlyInAnyOrderElementsOf(e.getValue().parameters());
            assertThat(parameters(operation, "path")).as("path parameters of " + e.getKey())
                    .containsExactlyInAnyOrderElementsOf(pathParameters(e.getValue().template()));
            assertThat(operation.path("responses").size()).as("responses of " + e.getKey()).isPositive();
        }
    }

    private static Set<String> parameters(JsonNode operation, String in) {
        Set<String> names = new HashSet<>();
        for (JsonNode p : operation.path("parameters")) {
            if (p.path("in").asText().equals(in)) {
                names.add(p.path("name").asText());
            }
        }
        return names;
    }

    private static List<String> pathParameters(String template) {
        Matcher m = PATH_PARAM.matcher(template);
        List<String> names = new java.util.ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
