package dev.pipelog.ingest.decode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipelog.ingest.RecordJson;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import com.google.protobuf.util.JsonFormat;

/** Turns an OTLP/JSON request into the protobuf bytes an exporter would send for it. */
final class OtlpFixtures {
    private OtlpFixtures() {
    }

    static byte[] logsJsonToProtobuf(String otlpJson) throws Exception {
        JsonNode tree = RecordJson.MAPPER.readTree(otlpJson);
        OtlpJsonIds.toProtobufJson(tree);
        ExportLogsServiceRequest.Builder b = ExportLogsServiceRequest.newBuilder();
        JsonFormat.parser().merge(RecordJson.MAPPER.writeValueAsString(tree), b);
        return b.build().toByteArray();
    }
}
