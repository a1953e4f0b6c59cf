package io.terndb.it;

import io.terndb.testkit.AsMsgBuilder;
import io.terndb.testkit.AsMsgLayout;
import io.terndb.testkit.ProtoFrame;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Random request bytes for robustness tests, from plain noise to valid requests with a few bytes flipped. Every
 * choice comes from the given generator, so a seed replays the same payloads.
 */
final class FuzzPayloads {

    private static final int STRATEGIES = 5;
    /** Particle types the server must parse from untrusted bytes: msgpack list/map, GeoJSON, HLL, bool. */
    private static final int[] STRUCTURED_PARTICLES = {17, 18, 19, 20, 23};

    private FuzzPayloads() {
    }

    static byte[] next(RandomGenerator random) {
        return switch (random.nextInt(STRATEGIES)) {
            case 0 -> noise(random, 1 + random.nextInt(64));
            case 1 -> frameWithNoiseBody(random);
            case 2 -> asMsgHeaderWithNoise(random);
            case 3 -> mutate(random, validPut(random));
            default -> structuredParticleOfNoise(random);
        };
    }

    private static byte[] noise(RandomGenerator random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A correct proto header of a random type announcing exactly the random body that follows. */
    private static byte[] frameWithNoiseBody(RandomGenerator random) {
        int type = random.nextInt(8);
        return new ProtoFrame(ProtoFrame.VERSION, type, noise(random, random.nextInt(160))).encode();
    }

    /** A proto header and a plausible 22-byte AS_MSG header with small counts, then noise. */
    private static byte[] asMsgHeaderWithNoise(RandomGenerator random) {
        byte[] tail = noise(random, random.nextInt(120));
        ByteBuffer body = ByteBuffer.allocate(AsMsgLayout.HEADER_BYTES + tail.length);
        body.put((byte) AsMsgLayout.HEADER_BYTES);
        body.put(noise(random, 4));
        body.put((byte) 0);
        body.putInt(random.nextInt()).putInt(random.nextInt()).putInt(1000);
        body.putShort((short) random.nextInt(5)).putShort((short) random.nextInt(5));
        body.put(tail);
        return new ProtoFrame(ProtoFrame.VERSION, ProtoFrame.TYPE_AS_MSG, body.array()).encode();
    }

    private static byte[] validPut(RandomGenerator random) {
        return AsMsgBuilder.request()
                .info2(AsMsgLayout.INFO2_WRITE)
                .namespace("test").set("fuzz").digest(noise(random, AsMsgLayout.DIGEST_BYTES))
                .writeInteger("a", random.nextLong())
                .writeString("s", "fuzz")
                .build();
    }

    /** Flips one to four random bytes anywhere, header included, or cuts the message short. */
    private static byte[] mutate(RandomGenerator random, byte[] message) {
        if (random.nextInt(4) == 0) {
            return Arrays.copyOf(message, random.nextInt(message.length));
        }
        byte[] mutated = message.clone();
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips; i++) {
            mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
        }
        return mutated;
    }

    /** A valid write whose one bin carries a structured particle type with random bytes as its value. */
    private static byte[] structuredParticleOfNoise(RandomGenerator random) {
        int particle = STRUCTURED_PARTICLES[random.nextInt(STRUCTURED_PARTICLES.length)];
        byte[] value = noise(random, random.nextInt(48));
        if (value.length > 0 && random.nextBoolean()) {
            value[0] = (byte) (0x90 | random.nextInt(16));
        }
        return AsMsgBuilder.request()
                .info2(AsMsgLayout.INFO2_WRITE)
                .namespace("test").set("fuzz").digest(noise(random, AsMsgLayout.DIGEST_BYTES))
                .op(AsMsgLayout.OP_WRITE, particle, "v", value)
                .build();
    }
}
