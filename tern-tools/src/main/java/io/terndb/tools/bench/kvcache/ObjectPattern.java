package io.terndb.tools.bench.kvcache;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * The bytes of every benchmark object: one seeded random base shared by all objects, with a 16-byte stamp
 * (object id, page index) at the start of each 4 KiB page. Stamping a reused buffer costs one pair of stores per
 * page, so no object is generated in the timed loop, yet a loaded object that is another object, has a segment
 * out of place or is cut short fails {@link #verify}. Verification reads every stamp and compares one whole page,
 * chosen per object, with the base: a few milliseconds per 80 MiB object, far below its transfer time.
 */
final class ObjectPattern {

    static final int PAGE_BYTES = 4096;
    static final int STAMP_BYTES = 16;

    private final ByteBuffer base;
    private final int objectBytes;

    ObjectPattern(int objectBytes, long seed) {
        if (objectBytes < STAMP_BYTES) {
            throw new IllegalArgumentException("objectBytes=" + objectBytes + " must be >= " + STAMP_BYTES);
        }
        this.objectBytes = objectBytes;
        byte[] bytes = new byte[objectBytes];
        new SplittableRandom(seed).nextBytes(bytes);
        this.base = ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    int objectBytes() {
        return objectBytes;
    }

    /** Copies the base into {@code buffer}, leaving it at position 0 with the object's length remaining. */
    void fill(ByteBuffer buffer) {
        buffer.clear().put(base.duplicate().clear()).flip();
    }

    /** Turns a filled buffer into object {@code objectId}'s payload: rewrites only the stamps. */
    void stamp(ByteBuffer buffer, long objectId) {
        for (int page = 0; page * PAGE_BYTES + STAMP_BYTES <= objectBytes; page++) {
            int offset = page * PAGE_BYTES;
            buffer.putLong(offset, objectId);
            buffer.putLong(offset + Long.BYTES, page);
        }
        buffer.position(0).limit(objectBytes);
    }

    /** Whether {@code loaded} holds object {@code objectId}'s bytes from position 0 (see the class comment). */
    boolean verify(ByteBuffer loaded, long loadedBytes, long objectId) {
        if (loadedBytes != objectBytes) {
            return false;
        }
        int pages = 0;
        for (int page = 0; page * PAGE_BYTES + STAMP_BYTES <= objectBytes; page++) {
            int offset = page * PAGE_BYTES;
            if (loaded.getLong(offset) != objectId || loaded.getLong(offset + Long.BYTES) != page) {
                return false;
            }
            pages++;
        }
        int sampled = (int) Math.floorMod(objectId * 0x9E3779B97F4A7C15L, (long) pages);
        int from = sampled * PAGE_BYTES + STAMP_BYTES;
        int to = Math.min(objectBytes, (sampled + 1) * PAGE_BYTES);
        return loaded.slice(from, to - from).mismatch(base.slice(from, to - from)) == -1;
    }
}
