package io.terndb.server.cdt;

import io.terndb.protocol.ParticleType;
import io.terndb.protocol.ResultCode;
import io.terndb.protocol.msgpack.MsgPackFormat;
import io.terndb.protocol.msgpack.MsgPackInput;
import io.terndb.protocol.msgpack.MsgPackOutput;
import io.terndb.protocol.msgpack.MsgPackType;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * A bin driven through {@link CdtOperations} as the transaction code drives it: programs in, new value and
 * result out. Values are Java objects (Long, Double, String, Boolean, null, List) for the tests' convenience.
 */
final class ListBin {

    final CdtOperations operations = new CdtOperations();
    byte[] value;
    int particleType = ParticleType.NULL;
    Object result;
    boolean hasResult;

    static byte[] program(Object... parts) {
        MsgPackOutput out = new MsgPackOutput(16);
        write(out, List.of(parts));
        return out.toByteArray();
    }

    /** An op on a nested element: {@code [0xff, context, [opcode, ...]]}. */
    static byte[] nested(List<Object> context, Object... parts) {
        MsgPackOutput out = new MsgPackOutput(16);
        out.writeArrayHeader(3);
        out.writeUnsignedLong(0xFF);
        write(out, context);
        write(out, List.of(parts));
        return out.toByteArray();
    }

    /** A raw msgpack fragment written as is. */
    record Raw(byte[] bytes) {
    }

    static void write(MsgPackOutput out, Object value) {
        switch (value) {
            case null -> out.writeNil();
            case Long v -> out.writeLong(v);
            case Integer v -> out.writeLong(v);
            case Double v -> out.writeDouble(v);
            case Boolean v -> out.writeBoolean(v);
            case String v -> {
                byte[] utf8 = v.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.writeStringHeader(utf8.length + 1);
                out.writeByte(MsgPackType.PARTICLE_STRING);
                out.writeBytes(utf8, 0, utf8.length);
            }
            case Raw raw -> out.writeBytes(raw.bytes(), 0, raw.bytes().length);
            case List<?> list -> {
                out.writeArrayHeader(list.size());
                for (Object item : list) {
                    write(out, item);
                }
            }
            default -> throw new IllegalArgumentException("value=" + value);
        }
    }

    static Raw orderedList(List<?> items) {
        MsgPackOutput out = new MsgPackOutput(16);
        out.writeArrayHeader(items.size() + 1);
        out.writeOrderHeader(MsgPackFormat.LIST_ORDERED);
        for (Object item : items) {
            write(out, item);
        }
        return new Raw(out.toByteArray());
    }

    void set(List<?> list) {
        MsgPackOutput out = new MsgPackOutput(16);
        write(out, list);
        value = out.toByteArray();
        particleType = ParticleType.LIST;
    }

    int modify(byte[] program) {
        return run(program, true);
    }

    int read(byte[] program) {
        return run(program, false);
    }

    private int run(byte[] program, boolean modify) {
        MemorySegment programSegment = MemorySegment.ofArray(program);
        int code = value == null
                ? operations.apply(programSegment, 0, program.length, modify, MemorySegment.NULL, 0, 0,
                        ParticleType.NULL)
                : operations.apply(programSegment, 0, program.length, modify, MemorySegment.ofArray(value), 0,
                        value.length, particleType);
        hasResult = code == ResultCode.OK && operations.hasResult();
        result = hasResult ? decodeResult() : null;
        if (code == ResultCode.OK && operations.changed()) {
            value = operations.newValue().toByteArray();
            particleType = operations.newParticleType();
        }
        return code;
    }

    private Object decodeResult() {
        byte[] bytes = operations.resultBytes().toByteArray();
        return switch (operations.resultParticleType()) {
            case ParticleType.INTEGER -> java.nio.ByteBuffer.wrap(bytes).getLong();
            case ParticleType.DOUBLE -> java.nio.ByteBuffer.wrap(bytes).getDouble();
            case ParticleType.BOOL -> bytes[0] != 0;
            case ParticleType.STRING -> new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            case ParticleType.LIST, ParticleType.MAP -> decode(bytes);
            default -> bytes;
        };
    }

    /** The bin's value as Java objects (an ordering header dropped), or null. */
    Object contents() {
        return value == null ? null : decode(value);
    }

    /** Whether the stored list carries the ordered flag. */
    boolean ordered() {
        MsgPackInput in = new MsgPackInput().wrap(MemorySegment.ofArray(value), 0, value.length);
        int count = in.readArrayHeader();
        return count > 0 && in.peekIsExt() && (in.readExtHeader() & MsgPackFormat.LIST_ORDERED) != 0;
    }

    static Object decode(byte[] bytes) {
        MsgPackInput in = new MsgPackInput().wrap(MemorySegment.ofArray(bytes), 0, bytes.length);
        return read(in);
    }

    static Object read(MsgPackInput in) {
        int type = in.peekType();
        switch (type) {
            case MsgPackType.NIL -> {
                in.skipBytes(1);
                return null;
            }
            case MsgPackType.TRUE, MsgPackType.FALSE -> {
                return in.readBoolean();
            }
            case MsgPackType.INTEGER, MsgPackType.NEGATIVE_INTEGER -> {
                return in.readLong();
            }
            case MsgPackType.DOUBLE -> {
                return in.readDouble();
            }
            case MsgPackType.STRING -> {
                int length = in.readStringHeader();
                byte[] bytes = new byte[length - 1];
                MemorySegment.copy(in.segment(), java.lang.foreign.ValueLayout.JAVA_BYTE, in.position() + 1, bytes, 0,
                        length - 1);
                in.skipBytes(length);
                return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            }
            case MsgPackType.LIST -> {
                int count = in.readArrayHeader();
                List<Object> list = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    if (i == 0 && in.peekIsExt()) {
                        in.skip();
                        continue;
                    }
                    list.add(read(in));
                }
                return list;
            }
            case MsgPackType.MAP -> {
                int pairs = in.readMapHeader();
                java.util.Map<Object, Object> map = new java.util.LinkedHashMap<>();
                for (int i = 0; i < pairs; i++) {
                    if (i == 0 && in.peekIsExt()) {
                        in.skip();
                        in.skip();
                        continue;
                    }
                    Object key = read(in);
                    map.put(key, read(in));
                }
                return map;
            }
            default -> {
                in.skip();
                return "?";
            }
        }
    }
}
