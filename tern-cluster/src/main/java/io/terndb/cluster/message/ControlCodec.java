package io.terndb.cluster.message;

import static io.terndb.cluster.message.ControlLayout.*;

import io.netty.buffer.ByteBuf;
import io.terndb.cluster.message.ControlMessage.Accept;
import io.terndb.cluster.message.ControlMessage.Accepted;
import io.terndb.cluster.message.ControlMessage.Commit;
import io.terndb.cluster.message.ControlMessage.CommitAck;
import io.terndb.cluster.message.ControlMessage.Exchange;
import io.terndb.cluster.message.ControlMessage.ExchangeAck;
import io.terndb.cluster.message.ControlMessage.Heartbeat;
import io.terndb.cluster.message.ControlMessage.Prepare;
import io.terndb.cluster.message.ControlMessage.Promise;
import io.terndb.protocol.PartitionId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Encodes and decodes {@link ControlMessage}s in the {@link ControlLayout} format. */
public final class ControlCodec {

    private ControlCodec() {
    }

    /** Appends the whole frame (length prefix included) to {@code out}. */
    public static void encode(ControlMessage message, ByteBuf out) {
        int lengthAt = out.writerIndex();
        out.writeInt(0);
        out.writeByte(FORMAT);
        out.writeByte(typeOf(message));
        out.writeLong(message.from());
        switch (message) {
            case Heartbeat h -> {
                writeText(out, h.clusterName());
                out.writeLong(h.clusterKey());
                writeIds(out, h.members());
                writeIds(out, h.adjacency());
                writeText(out, h.endpoints().heartbeat());
                writeText(out, h.endpoints().fabric());
                writeTexts(out, h.endpoints().service());
                writeTexts(out, h.peers());
            }
            case Prepare p -> {
                out.writeLong(p.ballot());
                writeIds(out, p.members());
            }
            case Promise p -> out.writeLong(p.ballot()).writeByte(p.granted() ? 1 : 0).writeLong(p.promisedBallot());
            case Accept a -> {
                out.writeLong(a.ballot()).writeLong(a.clusterKey());
                writeIds(out, a.members());
            }
            case Accepted a -> out.writeLong(a.ballot()).writeByte(a.granted() ? 1 : 0);
            case Commit c -> {
                out.writeLong(c.ballot()).writeLong(c.clusterKey());
                writeIds(out, c.members());
            }
            case CommitAck c -> out.writeLong(c.ballot());
            case Exchange e -> writeExchange(out, e);
            case ExchangeAck e -> out.writeLong(e.clusterKey());
            case ControlMessage.Metadata m -> {
                out.writeLong(m.id());
                writeEntries(out, m.entries());
            }
            case ControlMessage.MetadataAck m -> out.writeLong(m.id());
        }
        out.setInt(lengthAt, out.writerIndex() - lengthAt - LENGTH_BYTES);
    }

    private static int typeOf(ControlMessage message) {
        return switch (message) {
            case Heartbeat h -> HEARTBEAT;
            case Prepare p -> PREPARE;
            case Promise p -> PROMISE;
            case Accept a -> ACCEPT;
            case Accepted a -> ACCEPTED;
            case Commit c -> COMMIT;
            case CommitAck c -> COMMIT_ACK;
            case Exchange e -> EXCHANGE;
            case ExchangeAck e -> EXCHANGE_ACK;
            case ControlMessage.Metadata m -> METADATA;
            case ControlMessage.MetadataAck m -> METADATA_ACK;
        };
    }

    private static void writeExchange(ByteBuf out, Exchange exchange) {
        out.writeLong(exchange.clusterKey());
        out.writeShort(exchange.namespaces().size());
        for (NamespaceVersions namespace : exchange.namespaces()) {
            writeText(out, namespace.name());
            out.writeShort(namespace.replicationFactor());
            out.writeInt(namespace.rackId());
            out.writeByte(namespace.preferUniformBalance() ? 1 : 0);
            for (long key : namespace.versionKeys()) {
                out.writeLong(key);
            }
            out.writeBytes(namespace.versionFlags());
        }
        writeEntries(out, exchange.metadata());
    }

    private static void writeEntries(ByteBuf out, List<MetadataEntry> entries) {
        out.writeInt(entries.size());
        for (MetadataEntry entry : entries) {
            writeText(out, entry.module());
            writeText(out, entry.key());
            byte[] value = entry.value().getBytes(StandardCharsets.UTF_8);
            out.writeInt(value.length);
            out.writeBytes(value);
            out.writeLong(entry.version());
        }
    }

    private static List<MetadataEntry> readEntries(ByteBuf in) {
        long count = in.readUnsignedInt();
        if (count > METADATA_ENTRIES_MAX) {
            throw new ControlCodecException(count + " metadata entries");
        }
        List<MetadataEntry> entries = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            String module = readText(in);
            String key = readText(in);
            long valueBytes = in.readUnsignedInt();
            if (valueBytes > METADATA_VALUE_BYTES_MAX) {
                throw new ControlCodecException("metadata value of " + valueBytes + " bytes");
            }
            String value = in.readCharSequence((int) valueBytes, StandardCharsets.UTF_8).toString();
            entries.add(new MetadataEntry(module, key, value, in.readLong()));
        }
        return entries;
    }

    /**
     * Decodes one body (the bytes after the length prefix), all of {@code body}'s readable bytes.
     *
     * @throws ControlCodecException when the bytes are not one well-formed message
     */
    public static ControlMessage decode(ByteBuf body) {
        try {
            ControlMessage message = decodeFields(body);
            if (body.isReadable()) {
                throw new ControlCodecException(body.readableBytes() + " bytes after the message");
            }
            return message;
        } catch (IndexOutOfBoundsException e) {
            throw new ControlCodecException("truncated control message");
        }
    }

    private static ControlMessage decodeFields(ByteBuf in) {
        int format = in.readUnsignedByte();
        if (format != FORMAT) {
            throw new ControlCodecException("control message format " + format + ", expected " + FORMAT);
        }
        int type = in.readUnsignedByte();
        long from = in.readLong();
        return switch (type) {
            case HEARTBEAT -> new Heartbeat(from, readText(in), in.readLong(), readIds(in), readIds(in),
                    new NodeEndpoints(readText(in), readText(in), readTexts(in)), readTexts(in));
            case PREPARE -> new Prepare(from, in.readLong(), readIds(in));
            case PROMISE -> new Promise(from, in.readLong(), readFlag(in), in.readLong());
            case ACCEPT -> new Accept(from, in.readLong(), in.readLong(), readIds(in));
            case ACCEPTED -> new Accepted(from, in.readLong(), readFlag(in));
            case COMMIT -> new Commit(from, in.readLong(), in.readLong(), readIds(in));
            case COMMIT_ACK -> new CommitAck(from, in.readLong());
            case EXCHANGE -> readExchange(in, from);
            case EXCHANGE_ACK -> new ExchangeAck(from, in.readLong());
            case METADATA -> new ControlMessage.Metadata(from, in.readLong(), readEntries(in));
            case METADATA_ACK -> new ControlMessage.MetadataAck(from, in.readLong());
            default -> throw new ControlCodecException("unknown control message type " + type);
        };
    }

    private static Exchange readExchange(ByteBuf in, long from) {
        long clusterKey = in.readLong();
        int count = in.readUnsignedShort();
        if (count > NAMESPACES_MAX) {
            throw new ControlCodecException(count + " namespaces in an exchange");
        }
        List<NamespaceVersions> namespaces = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = readText(in);
            int replicationFactor = in.readUnsignedShort();
            int rackId = in.readInt();
            boolean uniform = readFlag(in);
            long[] keys = new long[PartitionId.COUNT];
            for (int p = 0; p < keys.length; p++) {
                keys[p] = in.readLong();
            }
            byte[] flags = new byte[PartitionId.COUNT];
            in.readBytes(flags);
            namespaces.add(new NamespaceVersions(name, replicationFactor, rackId, uniform, keys, flags));
        }
        return new Exchange(from, clusterKey, namespaces, readEntries(in));
    }

    private static boolean readFlag(ByteBuf in) {
        int flag = in.readUnsignedByte();
        if (flag > 1) {
            throw new ControlCodecException("flag byte " + flag);
        }
        return flag == 1;
    }

    private static void writeIds(ByteBuf out, long[] ids) {
        out.writeShort(ids.length);
        for (long id : ids) {
            out.writeLong(id);
        }
    }

    private static long[] readIds(ByteBuf in) {
        int count = in.readUnsignedShort();
        if (count > IDS_MAX) {
            throw new ControlCodecException(count + " node ids in one list");
        }
        long[] ids = new long[count];
        for (int i = 0; i < count; i++) {
            ids[i] = in.readLong();
        }
        return ids;
    }

    private static void writeText(ByteBuf out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeShort(bytes.length);
        out.writeBytes(bytes);
    }

    private static String readText(ByteBuf in) {
        int length = in.readUnsignedShort();
        return in.readCharSequence(length, StandardCharsets.UTF_8).toString();
    }

    private static void writeTexts(ByteBuf out, List<String> texts) {
        out.writeShort(texts.size());
        for (String text : texts) {
            writeText(out, text);
        }
    }

    private static List<String> readTexts(ByteBuf in) {
        int count = in.readUnsignedShort();
        if (count > TEXTS_MAX) {
            throw new ControlCodecException(count + " texts in one list");
        }
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            texts.add(readText(in));
        }
        return texts;
    }
}
