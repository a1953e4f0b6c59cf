package io.terndb.server.cdt;

import io.terndb.protocol.ParticleType;
import io.terndb.protocol.msgpack.MsgPackInput;
import io.terndb.protocol.msgpack.MsgPackOutput;
import io.terndb.protocol.msgpack.MsgPackType;
import java.lang.foreign.MemorySegment;

/**
 * The result of one CDT op as a particle, the way the original answers: single integers, booleans and doubles as
 * native particles, a single element converted to its particle (a string without its type byte, a blob, a list or
 * map as msgpack), several values as a LIST particle. No result at all ({@link ParticleType#NULL}) is what
 * return type NONE and a nil element give.
 */
final class CdtResult {

    private static final int GEOJSON_HEADER_BYTES = 3; // flags byte and u16 cell count, both 0

    private int particleType;
    private final MsgPackOutput bytes = new MsgPackOutput(256);
    private final MsgPackInput input = new MsgPackInput();

    void clear() {
        particleType = ParticleType.NULL;
        bytes.clear();
    }

    int particleType() {
        return particleType;
    }

    boolean hasValue() {
        return particleType != ParticleType.NULL;
    }

    /** The particle's bytes: {@code bytes().buffer()[0, bytes().length())}. */
    MsgPackOutput bytes() {
        return bytes;
    }

    void setInteger(long value) {
        bytes.clear();
        particleType = ParticleType.INTEGER;
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes.writeByte((int) (value >>> shift));
        }
    }

    void setDouble(double value) {
        setInteger(Double.doubleToRawLongBits(value));
        particleType = ParticleType.DOUBLE;
    }

    void setBoolean(boolean value) {
        bytes.clear();
        particleType = ParticleType.BOOL;
        bytes.writeByte(value ? 1 : 0);
    }

    /** Starts a LIST particle of {@code count} values; the caller writes them into {@link #bytes()}. */
    MsgPackOutput beginList(int count) {
        bytes.clear();
        particleType = ParticleType.LIST;
        bytes.writeArrayHeader(count);
        return bytes;
    }

    /** An empty map (what map return types give when nothing matched). */
    void setEmptyMap() {
        bytes.clear();
        particleType = ParticleType.MAP;
        bytes.writeMapHeader(0);
    }

    /** The element at {@code at} ({@code size} bytes) as its particle. */
    void setElement(MemorySegment segment, long at, int size) {
        bytes.clear();
        input.wrap(segment, at, size);
        int type = input.peekType();
        switch (type) {
            case MsgPackType.NIL -> particleType = ParticleType.NULL;
            case MsgPackType.FALSE, MsgPackType.TRUE -> setBoolean(type == MsgPackType.TRUE);
            case MsgPackType.INTEGER, MsgPackType.NEGATIVE_INTEGER -> setInteger(input.readLong());
            case MsgPackType.DOUBLE -> setDouble(input.readDouble());
            case MsgPackType.STRING, MsgPackType.BYTES, MsgPackType.GEOJSON -> setBytes(type);
            case MsgPackType.LIST, MsgPackType.MAP -> {
                particleType = type == MsgPackType.LIST ? ParticleType.LIST : ParticleType.MAP;
                bytes.writeBytes(segment, at, size);
            }
            default -> particleType = ParticleType.NULL; // an ext has no particle: no result, as the original
        }
    }

    private void setBytes(int type) {
        int length = input.readStringHeader();
        long payload = input.position();
        if (length == 0) {
            particleType = ParticleType.BLOB;
            return;
        }
        int prefix = input.byteAt(payload);
        if (type == MsgPackType.GEOJSON) {
            particleType = ParticleType.GEOJSON;
            for (int i = 0; i < GEOJSON_HEADER_BYTES; i++) {
                bytes.writeByte(0);
            }
        } else {
            particleType = type == MsgPackType.STRING ? ParticleType.STRING
                    : ParticleType.isStorable(prefix) && prefix != ParticleType.LIST && prefix != ParticleType.MAP
                            && prefix != ParticleType.INTEGER && prefix != ParticleType.DOUBLE
                            && prefix != ParticleType.BOOL ? prefix : ParticleType.BLOB;
        }
        bytes.writeBytes(input.segment(), payload + 1, length - 1);
    }
}
