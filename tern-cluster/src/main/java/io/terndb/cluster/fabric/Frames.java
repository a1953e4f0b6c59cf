package io.terndb.cluster.fabric;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** Writing and reading the common pieces of {@link FabricLayout} frames. */
public final class Frames {

    private Frames() {
    }

    /** Writes the length placeholder and the type; returns where the frame starts, for {@link #end}. */
    public static int begin(ByteBuf out, int type) {
        int start = out.writerIndex();
        out.writeIntLE(0);
        out.writeByte(type);
        return start;
    }

    /** Fills in the length of the frame begun at {@code start}. */
    public static ByteBuf end(ByteBuf out, int start) {
        out.setIntLE(start, out.writerIndex() - start - FabricLayout.LENGTH_BYTES);
        return out;
    }

    public static void writeNamespace(ByteBuf out, String namespace) {
        byte[] bytes = namespace.getBytes(StandardCharsets.UTF_8);
        out.writeByte(bytes.length);
        out.writeBytes(bytes);
    }

    /** Reads a namespace name; throws {@link FabricFormatException} when it is longer than a namespace can be. */
    public static String readNamespace(ByteBuf in) {
        int length = in.readUnsignedByte();
        if (length == 0 || length > FabricLayout.NAMESPACE_BYTES_MAX) {
            throw new FabricFormatException("namespace name of " + length + " bytes");
        }
        return in.readCharSequence(length, StandardCharsets.UTF_8).toString();
    }

    /** A small frame with a u64 id and a u8 result: the shape of most acks. */
    public static ByteBuf ack(ByteBuf out, int type, long id, int result) {
        int start = begin(out, type);
        out.writeLongLE(id);
        out.writeByte(result);
        return end(out, start);
    }
}
