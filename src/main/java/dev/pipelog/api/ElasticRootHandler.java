package dev.pipelog.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipelog.ingest.RecordJson;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Set;

/**
 * {@code GET /}: the version document Elasticsearch clients and shippers (Logstash, Beats, Vector,
 * Fluent Bit, rsyslog's omelasticsearch) read first to choose their API version.
 */
final class ElasticRootHandler implements HttpHandler {
    static final Set<String> PARAMETERS = Set.of();

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        ObjectNode root = RecordJson.MAPPER.createObjectNode();
        root.put("name", "pipelog");
        root.put("cluster_name", "pipelog");
        root.put("cluster_uuid", "pipelog-local");
        ObjectNode version = root.putObject("version");
        version.put("number", ElasticResponses.VERSION);
        version.put("build_flavor", "default");
        version.put("build_type", "pipelog");
        version.put("lucene_version", "10.0.0");
        version.put("minimum_wire_compatibility_version", "8.18.0");
        version.put("minimum_index_compatibility_version", "8.0.0");
        root.put("tagline", "You Know, for Search");
        ElasticResponses.send(exchange, 200, root);
    }
}
