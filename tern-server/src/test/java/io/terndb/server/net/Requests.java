package io.terndb.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.terndb.protocol.FieldType;
import io.terndb.protocol.ProtoHeader;
import java.nio.charset.StandardCharsets;

/** Builds wire messages by hand, for tests that talk to the service without a client. */
final class Requests {

    private final ByteBuf body = Unpooled.buffer();
    private int fields;
    private int operations;
    private final int headerAt;

    private Requests(int info1, int info2, int info3, int recordTtl) {
        headerAt = body.writerIndex();
        body.writeByte(22).writeByte(info1).writeByte(info2).writeByte(info3).writeByte(0).writeByte(0);
        body.writeInt(0).writeInt(recordTtl).writeInt(1000).writeShort(0).writeShort(0);
    }

    static Requests message(int info1, int info2, int info3) {
        return new Requests(info1, info2, info3, 0);
    }

    Requests field(int type, byte[] data) {
        body.writeInt(data.length + 1).writeByte(type).writeBytes(data);
        fields++;
        return this;
    }

    Requests key(String namespace, String set, byte[] digest) {
        field(FieldType.NAMESPACE, namespace.getBytes(StandardCharsets.UTF_8));
        field(FieldType.SET, set.getBytes(StandardCharsets.UTF_8));
        return field(FieldType.DIGEST, digest);
    }

    Requests op(int type, int particle, String name, byte[] value) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        body.writeInt(4 + nameBytes.length + value.length).writeByte(type).writeByte(particle).writeByte(0)
                .writeByte(nameBytes.length).writeBytes(nameBytes).writeBytes(value);
        operations++;
        return this;
    }

    ByteBuf frame() {
        body.setShort(headerAt + 18, fields);
        body.setShort(headerAt + 20, operations);
        return frame(ProtoHeader.TYPE_AS_MSG, body);
    }

    static ByteBuf frame(int type, ByteBuf body) {
        ByteBuf frame = Unpooled.buffer();
        frame.writeLong(ProtoHeader.encode(type, body.readableBytes()));
        frame.writeBytes(body);
        return frame;
    }

    static ByteBuf info(String commands) {
        return frame(ProtoHeader.TYPE_INFO, Unpooled.copiedBuffer(commands, StandardCharsets.UTF_8));
    }

    static byte[] digest(int seed) {
        byte[] digest = new byte[20];
        for (int i = 0; i < digest.length; i++) {
            digest[i] = (byte) (seed * 31 + i * 7);
        }
        return digest;
    }

    static byte[] longBytes(long value) {
        return Unpooled.buffer(8).writeLong(value).array();
    }
}
