package io.terndb.client.internal.codec;

import io.terndb.client.Value;
import io.terndb.protocol.FieldType;
import io.terndb.protocol.ParticleType;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;

/**
 * The record digest (reference §6.1): RIPEMD-160 over the set name's UTF-8 bytes, one particle-type byte, and the
 * key's bytes (8-byte big-endian integer, UTF-8 string, raw bytes, 8-byte IEEE double). The namespace is not
 * part of it. One digest engine and scratch buffer per thread.
 */
public final class Digests {

    private static final ThreadLocal<State> STATE = ThreadLocal.withInitial(State::new);

    private Digests() {
    }

    public static byte[] of(String set, Value userKey) {
        State state = STATE.get();
        CommandBuffer scratch = state.scratch;
        scratch.reset();
        if (set != null) {
            scratch.writeUtf8(set);
        }
        switch (userKey) {
            case Value.IntegerValue integer -> {
                scratch.writeByte(ParticleType.INTEGER);
                scratch.writeLong(integer.value());
            }
            case Value.StringValue string -> {
                scratch.writeByte(ParticleType.STRING);
                scratch.writeBytes(string.utf8());
            }
            case Value.BytesValue bytes -> {
                scratch.writeByte(ParticleType.BLOB);
                scratch.writeBytes(bytes.value());
            }
            case Value.DoubleValue number -> {
                scratch.writeByte(ParticleType.DOUBLE);
                scratch.writeLong(Double.doubleToLongBits(number.value()));
            }
            case null, default -> throw new IllegalArgumentException("userKey=" + userKey
                    + " (must be integer, string or bytes)");
        }
        RIPEMD160Digest engine = state.engine;
        engine.update(scratch.data(), 0, scratch.position());
        byte[] digest = new byte[FieldType.DIGEST_BYTES];
        engine.doFinal(digest, 0);
        return digest;
    }

    private static final class State {
        final RIPEMD160Digest engine = new RIPEMD160Digest();
        final CommandBuffer scratch = new CommandBuffer(256);
    }
}
