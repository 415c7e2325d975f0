package dev.pipelog.model;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Server-assigned record ids: UUIDv7 (time-ordered, RFC 9562), so ids created close together sort
 * close together and keyset paging by (timestamp, id) stays stable. Thread-safe.
 */
public final class RecordIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private RecordIds() {
    }

    public static String next() {
        long millis = System.currentTimeMillis();
        long randA = RANDOM.nextInt() & 0xFFFL;
        long msb = (millis << 16) | 0x7000L | randA;
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
