package io.terndb.jmh;

/** Digests for benchmark keys: a 64-bit mix spread over 20 bytes, uniformly random like RIPEMD-160 digests. */
final class Digests {

    private Digests() {
    }

    static byte[] of(long key) {
        byte[] digest = new byte[20];
        long state = key * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
        for (int i = 0; i < 20; i += 8) {
            state = mix(state + i);
            for (int b = 0; b < 8 && i + b < 20; b++) {
                digest[i + b] = (byte) (state >>> (8 * b));
            }
        }
        return digest;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
