package io.terndb.it.kvcache;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Test payloads from a seeded generator, so a failure reproduces. */
final class Payloads {

    static final long SEED = 0x7E2DBL;

    private Payloads() {
    }

    static ByteBuffer random(int bytes, long seed) {
        byte[] content = new byte[bytes];
        SplittableRandom random = new SplittableRandom(seed);
        for (int index = 0; index < bytes; index++) {
            content[index] = (byte) random.nextInt(256);
        }
        return ByteBuffer.wrap(content);
    }

    static ByteBuffer filled(int bytes, byte value) {
        byte[] content = new byte[bytes];
        Arrays.fill(content, value);
        return ByteBuffer.wrap(content);
    }

    /** The bytes between a buffer's position and limit. */
    static byte[] remaining(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
