package dev.pipelog.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

/** Loki push bodies: the JSON golden file, labels as protobuf carries them, and what is refused whole. */
class LokiDecoderGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/golden/loki");
    private final LokiDecoder decoder = new LokiDecoder(16 << 20, LokiDecoder.DEFAULT_PIPELINE_LABELS);

    @Test
    void jsonPushMapsLabelsMetadataAndJsonLines() throws Exception {
        Path input = DIR.resolve("push.json");
        GoldenFiles.assertMatches(input, BodyDecoderGoldenTest.render(
                decoder.decodeJson(ProtocolBody.of(Files.readAllBytes(input)), BodyDecoderGoldenTest.CONTEXT)));
    }

    @Test
    void prometheusLabelSetsAreParsedWithEscapes() {
        assertThat(LokiLabels.parse("{job=\"etl\", msg=\"a \\\"quoted\\\" \\\\ value, with comma\"}"))
                .containsEntry("job", "etl").containsEntry("msg", "a \"quoted\" \\ value, with comma");
        assertThat(LokiLabels.parse("{}")).isEmpty();
        assertThatThrownBy(() -> LokiLabels.parse("job=etl")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LokiLabels.parse("{job=\"etl}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theConfiguredLabelNamesThePipeline() throws Exception {
        byte[] body = "{\"streams\":[{\"stream\":{\"job\":\"j\",\"team\":\"data\"},\"values\":[[\"1\",\"x\"]]}]}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(new LokiDecoder(1 << 20, List.of("team")).decodeJson(ProtocolBody.of(body),
                BodyDecoderGoldenTest.CONTEXT).records().get(0).pipelineId()).isEqualTo("data");
    }

    @Test
    void snappyBombsAndBrokenBodiesAreRefusedWhole() throws Exception {
        byte[] bomb = Snappy.compress(new byte[2 << 20]);
        assertThatThrownBy(() -> new LokiDecoder(1 << 20, LokiDecoder.DEFAULT_PIPELINE_LABELS)
                .decodeProtobuf(ProtocolBody.of(bomb), BodyDecoderGoldenTest.CONTEXT)).isInstanceOf(BodyTooLargeException.class);
        assertThatThrownBy(() -> decoder.decodeProtobuf(ProtocolBody.of("plain".getBytes(StandardCharsets.UTF_8)),
                BodyDecoderGoldenTest.CONTEXT)).isInstanceOf(MalformedBodyException.class);
        assertThatThrownBy(() -> decoder.decodeJson(ProtocolBody.of("{\"x\":1}".getBytes(StandardCharsets.UTF_8)),
                BodyDecoderGoldenTest.CONTEXT)).isInstanceOf(MalformedBodyException.class);
    }
}
