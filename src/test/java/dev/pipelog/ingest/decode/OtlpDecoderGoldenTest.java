package dev.pipelog.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelog.ingest.IntakeBatch;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * OTLP/JSON requests under {@code golden/otlp} decode to their {@code .expected.json}; the same
 * request as protobuf (what most exporters send) decodes to the very same records.
 */
class OtlpDecoderGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/golden/otlp");
    private final OtlpDecoder decoder = new OtlpDecoder(16 << 20);

    @Test
    void logsMapTheOpenTelemetryDataModel() throws Exception {
        Path input = DIR.resolve("logs-full.json");
        IntakeBatch json = decoder.decodeLogs(ProtocolBody.of(Files.readAllBytes(input)),
                OtlpDecoder.Encoding.JSON, BodyDecoderGoldenTest.CONTEXT);
        GoldenFiles.assertMatches(input, BodyDecoderGoldenTest.render(json));

        byte[] protobuf = OtlpFixtures.logsJsonToProtobuf(Files.readString(input));
        IntakeBatch binary = decoder.decodeLogs(ProtocolBody.of(protobuf), OtlpDecoder.Encoding.PROTOBUF,
                BodyDecoderGoldenTest.CONTEXT);
        assertThat(BodyDecoderGoldenTest.render(binary)).isEqualTo(BodyDecoderGoldenTest.render(json));
    }

    @Test
    void eachSpanBecomesARecordWithItsDuration() throws Exception {
        Path input = DIR.resolve("traces-waterfall.json");
        IntakeBatch json = decoder.decodeTraces(ProtocolBody.of(Files.readAllBytes(input)),
                OtlpDecoder.Encoding.JSON, BodyDecoderGoldenTest.CONTEXT);
        GoldenFiles.assertMatches(input, BodyDecoderGoldenTest.render(json));
    }

    @Test
    void gzipBodiesDecodeAndBrokenOnesAreMalformed() throws Exception {
        byte[] plain = Files.readAllBytes(DIR.resolve("traces-waterfall.json"));
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write(plain);
        }
        byte[] z = zipped.toByteArray();
        assertThat(decoder.decodeTraces(new ProtocolBody(z, z.length, true), OtlpDecoder.Encoding.JSON,
                BodyDecoderGoldenTest.CONTEXT).records()).hasSize(2);
        assertThatThrownBy(() -> decoder.decodeLogs(new ProtocolBody(plain, plain.length, true),
                OtlpDecoder.Encoding.JSON, BodyDecoderGoldenTest.CONTEXT))
                .isInstanceOf(MalformedBodyException.class).hasMessageContaining("gzip");
    }

    @Test
    void unreadableBodiesAreMalformedNotRecords() {
        byte[] garbage = {0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 1, 2};
        assertThatThrownBy(() -> decoder.decodeLogs(ProtocolBody.of(garbage), OtlpDecoder.Encoding.PROTOBUF,
                BodyDecoderGoldenTest.CONTEXT)).isInstanceOf(MalformedBodyException.class)
                .hasMessageContaining("not a valid OTLP protobuf message");
        byte[] badHex = "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"traceId\":\"xyz\"}]}]}]}"
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> decoder.decodeLogs(ProtocolBody.of(badHex), OtlpDecoder.Encoding.JSON,
                BodyDecoderGoldenTest.CONTEXT)).isInstanceOf(MalformedBodyException.class)
                .hasMessageContaining("traceId \"xyz\" is not hex");
        assertThatThrownBy(() -> decoder.decodeLogs(ProtocolBody.of("[1]".getBytes(StandardCharsets.UTF_8)),
                OtlpDecoder.Encoding.JSON, BodyDecoderGoldenTest.CONTEXT)).isInstanceOf(MalformedBodyException.class);
    }

    @Test
    void decompressedSizeIsBoundedByTheBodyLimit() throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write(new byte[1 << 20]);
        }
        byte[] z = zipped.toByteArray();
        assertThatThrownBy(() -> new OtlpDecoder(64 * 1024).decodeLogs(new ProtocolBody(z, z.length, true),
                OtlpDecoder.Encoding.PROTOBUF, BodyDecoderGoldenTest.CONTEXT))
                .isInstanceOf(BodyTooLargeException.class);
    }
}
