package io.terndb.cluster.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.terndb.cluster.fabric.FabricFormatException;
import io.terndb.cluster.fabric.FabricLayout;
import io.terndb.cluster.fabric.Frames;
import java.nio.charset.StandardCharsets;

/** The {@link FabricLayout#HELLO} frame: u64 node id | u16 name bytes | cluster name, little-endian. */
final class FabricHello {

    static final int NAME_BYTES_MAX = 0xFFFF;
    private static final int FIXED_BYTES = 1 + Long.BYTES + Short.BYTES;

    private FabricHello() {
    }

    static ByteBuf encode(ByteBufAllocator allocator, long nodeId, byte[] clusterName) {
        ByteBuf frame = allocator.directBuffer(FabricLayout.LENGTH_BYTES + FIXED_BYTES + clusterName.length);
        int start = Frames.begin(frame, FabricLayout.HELLO);
        frame.writeLongLE(nodeId);
        frame.writeShortLE(clusterName.length);
        frame.writeBytes(clusterName);
        return Frames.end(frame, start);
    }

    /**
     * The sender's node id, from the first frame of a connection (its body, from the type byte).
     *
     * @throws FabricFormatException when the frame is not a HELLO, or names another cluster
     */
    static long decode(ByteBuf body, byte[] clusterName) {
        if (body.readableBytes() < FIXED_BYTES) {
            throw new FabricFormatException("first frame of " + body.readableBytes() + " bytes, too short for HELLO");
        }
        int type = body.readUnsignedByte();
        if (type != FabricLayout.HELLO) {
            throw new FabricFormatException("first frame of type " + type + ", expected HELLO");
        }
        long nodeId = body.readLongLE();
        int nameBytes = body.readUnsignedShortLE();
        if (nameBytes != body.readableBytes()) {
            throw new FabricFormatException("HELLO with a name of " + nameBytes + " bytes in "
                    + body.readableBytes());
        }
        if (!sameBytes(body, clusterName)) {
            String name = body.toString(body.readerIndex(), nameBytes, StandardCharsets.UTF_8);
            throw new FabricFormatException("HELLO from cluster '" + name + "', expected '"
                    + new String(clusterName, StandardCharsets.UTF_8) + "'");
        }
        return nodeId;
    }

    private static boolean sameBytes(ByteBuf body, byte[] expected) {
        if (body.readableBytes() != expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (body.getByte(body.readerIndex() + i) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
