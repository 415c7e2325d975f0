package dev.pipelog.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelog.ingest.IntakeBatch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class BodyDecoderTest {
    private static final IntakeContext CONTEXT = BodyDecoderGoldenTest.CONTEXT;
    private final BodyDecoder decoder = new BodyDecoder(1 << 20);

    @Test
    void onlyABodyWhoseRecordsBringTheirOwnIdsAsksForDeduplication() throws Exception {
        assertThat(decoder.decode(bytes("{\"message\":\"a\"}\n{\"message\":\"b\"}"), false, WireFormat.NDJSON,
                CONTEXT).clientIds()).isFalse();
        assertThat(decoder.decode(bytes("{\"message\":\"a\"}\n{\"message\":\"b\",\"id\":\"retry-1\"}"), false,
                WireFormat.NDJSON, CONTEXT).clientIds()).isTrue();
        assertThat(decoder.decode(bytes("msg=a&levelname=INFO&id=retry-2"), false, WireFormat.PYTHON_HTTPHANDLER,
                CONTEXT).clientIds()).isTrue();
        assertThat(decoder.decode(bytes("msg=a&levelname=INFO"), false, WireFormat.PYTHON_HTTPHANDLER, CONTEXT)
                .clientIds()).isFalse();
    }

    @Test
    void gzipBodiesAreReadLikePlainOnes() throws Exception {
        byte[] body = gzip("{\"message\":\"a\"}\n{\"message\":\"b\"}\n");
        IntakeBatch batch = decoder.decode(body, true, WireFormat.NDJSON, CONTEXT);
        assertThat(batch.records()).extracting(r -> r.message()).containsExactly("a", "b");
    }

    @Test
    void onlyTheBodysLengthOfALongerBufferIsRead() throws Exception {
        // A chunked body arrives in a buffer that grew by doubling; the bytes after the body are not part of it.
        byte[] plain = bytes("{\"message\":\"a\"}\n{\"message\":\"b\"}\n");
        byte[] buffer = java.util.Arrays.copyOf(plain, plain.length * 2);
        java.util.Arrays.fill(buffer, plain.length, buffer.length, (byte) '{');
        assertThat(decoder.decode(buffer, plain.length, false, WireFormat.NDJSON, CONTEXT).records())
                .extracting(r -> r.message()).containsExactly("a", "b");
        assertThat(decoder.decode(buffer, plain.length, false, WireFormat.NDJSON, CONTEXT).rejections()).isEmpty();

        byte[] zipped = gzip("{\"message\":\"c\"}\n");
        byte[] zippedBuffer = java.util.Arrays.copyOf(zipped, zipped.length + 100);
        assertThat(decoder.decode(zippedBuffer, zipped.length, true, WireFormat.NDJSON, CONTEXT).records())
                .extracting(r -> r.message()).containsExactly("c");
    }

    @Test
    void aGzipBombStopsAtTheLimitAfterDecompression() throws Exception {
        byte[] bomb = gzip("{\"message\":\"" + "x".repeat(2 << 20) + "\"}");
        assertThat(bomb.length).isLessThan(1 << 20);
        assertThatThrownBy(() -> decoder.decode(bomb, true, WireFormat.JSON, CONTEXT))
                .isInstanceOf(BodyTooLargeException.class);
    }

    @Test
    void aBodyThatClaimsGzipButIsNotIsMalformed() {
        assertThatThrownBy(() -> decoder.decode(bytes("{}"), true, WireFormat.JSON, CONTEXT))
                .isInstanceOf(MalformedBodyException.class).hasMessageContaining("gzip");
    }

    @Test
    void malformedJsonSaysWhere() {
        assertThatThrownBy(() -> decoder.decode(bytes("[\n{\"message\": \"a\"},\n{\"message\" \"b\"}\n]"), false,
                WireFormat.JSON, CONTEXT))
                .isInstanceOf(MalformedBodyException.class).hasMessageContaining("line 3, column");
    }

    @Test
    void severalObjectsSentAsJsonPointToNdjson() {
        assertThatThrownBy(() -> decoder.decode(bytes("{\"message\":\"a\"}\n{\"message\":\"b\"}"), false,
                WireFormat.JSON, CONTEXT))
                .isInstanceOf(MalformedBodyException.class).hasMessageContaining("application/x-ndjson");
    }

    @Test
    void anEmptyBodyIsMalformed() {
        assertThatThrownBy(() -> decoder.decode(new byte[0], false, WireFormat.JSON, CONTEXT))
                .isInstanceOf(MalformedBodyException.class).hasMessageContaining("empty");
    }

    @Test
    void aFiveMegabyteMessageIsCutWithANoteAndTheRecordKept() throws Exception {
        String huge = "y".repeat(5 << 20);
        IntakeBatch batch = new BodyDecoder(16 << 20).decode(bytes("{\"message\":\"" + huge + "\"}"), false,
                WireFormat.JSON, CONTEXT);
        String message = batch.records().get(0).message();
        assertThat(message).startsWith("yyyy").endsWith("[cut by Pipelog: 5242880 characters in total]");
        assertThat(message.length()).isLessThan(RecordNormaliser.MAX_TEXT_CHARS + 100);
    }

    @Test
    void anOverlongIdIsRejectedRatherThanCut() throws Exception {
        IntakeBatch batch = decoder.decode(bytes("[{\"pipeline_id\":\"" + "p".repeat(2000) + "\"},{\"message\":\"ok\"}]"),
                false, WireFormat.JSON, CONTEXT);
        assertThat(batch.records()).hasSize(1);
        assertThat(batch.rejections()).singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("pipeline_id is longer than 1024"));
    }

    @Test
    void curlsDefaultFormEncodingOfAJsonBodyIsReadAsJson() throws Exception {
        IntakeBatch batch = decoder.decode(bytes("{\"message\":\"from curl -d\"}"), false,
                WireFormat.PYTHON_HTTPHANDLER, CONTEXT);
        assertThat(batch.records()).singleElement().satisfies(r -> assertThat(r.source()).isEqualTo("json"));
    }

    @Test
    void contentTypesMapOntoFormats() {
        assertThat(WireFormat.forContentType("application/json; charset=utf-8")).contains(WireFormat.JSON);
        assertThat(WireFormat.forContentType(null)).contains(WireFormat.JSON);
        assertThat(WireFormat.forContentType("application/x-ndjson")).contains(WireFormat.NDJSON);
        assertThat(WireFormat.forContentType("application/x-www-form-urlencoded")).contains(WireFormat.PYTHON_HTTPHANDLER);
        assertThat(WireFormat.forContentType("text/xml")).isEmpty();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(String s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes(s));
        }
        return out.toByteArray();
    }
}
