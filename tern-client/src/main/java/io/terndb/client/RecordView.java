package io.terndb.client;

/**
 * One record of a batch reply, read in place: bin names, types and values are positions in the reply buffer, so
 * a large blob bin is reached without copying it into a {@code byte[]} of its own. Valid only during the
 * {@link BatchRecordListener#record} call that received it; the buffer is reused for the next reply bytes.
 *
 * <pre>{@code
 * int bin = view.find("b");
 * if (bin >= 0) {
 *     crc.update(view.array(), view.valueOffset(bin), view.valueLength(bin));
 * }
 * }</pre>
 */
public interface RecordView {

    int generation();

    /** Seconds since 2010-01-01 when the record expires (0 = never), as in {@link Record#voidTime()}. */
    int voidTime();

    int binCount();

    /** The position of the first bin named {@code name}, or -1. */
    int find(String name);

    String name(int bin);

    /** The bin's particle type ({@code io.terndb.protocol.ParticleType}). */
    int particleType(int bin);

    /** The reply buffer the value positions refer to. */
    byte[] array();

    int valueOffset(int bin);

    int valueLength(int bin);

    /** The bin's value decoded as {@link Record#getValue} returns it (allocates for strings, blobs, lists). */
    Object value(int bin);
}
