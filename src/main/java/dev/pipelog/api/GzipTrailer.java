package dev.pipelog.api;

/**
 * The decoded size a gzip body announces in its trailer (ISIZE, RFC 1952: the last four bytes,
 * little-endian, modulo 2^32), so the budget can account the records decoded from it before the
 * decoder runs, at no cost. It is the encoder's claim: a body that lies (or a multi-member body,
 * whose trailer counts only its last member) is still stopped by the decoder at the maximum body
 * size, so at most one maximum body per such request escapes the budget.
 */
final class GzipTrailer {
    private static final int SMALLEST_GZIP = 18;

    private GzipTrailer() {
    }

    /**
     * The announced size of the body in the first {@code length} bytes of {@code body}, capped at
     * {@code maxBodyBytes} (the decoder refuses more); 0 when the body is not gzip at all, so the
     * decoder, not the budget, answers it (400).
     */
    static long decodedSize(byte[] body, int length, long maxBodyBytes) {
        if (length < SMALLEST_GZIP || body[0] != (byte) 0x1f || body[1] != (byte) 0x8b) {
            return 0;
        }
        int n = length;
        long announced = (body[n - 4] & 0xFFL) | (body[n - 3] & 0xFFL) << 8 | (body[n - 2] & 0xFFL) << 16
                | (body[n - 1] & 0xFFL) << 24;
        return Math.min(announced, maxBodyBytes);
    }
}
