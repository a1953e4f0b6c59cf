package io.terndb.client.internal.codec;

/**
 * A growable byte array with a write position, reused for every request a connection (or event loop) encodes and
 * every reply it reads, so steady-state commands allocate no buffers. Big-endian, as the wire is. Not thread-safe:
 * one owner at a time.
 */
public final class CommandBuffer {

    public static final int INITIAL_BYTES = 8 * 1024;
    /** A buffer grown past this for one big batch or reply is shrunk back when next reset. */
    public static final int RETAINED_BYTES_MAX = 1024 * 1024;

    private byte[] data;
    private int position;

    public CommandBuffer() {
        this(INITIAL_BYTES);
    }

    public CommandBuffer(int initialBytes) {
        data = new byte[initialBytes];
    }

    public byte[] data() {
        return data;
    }

    public int position() {
        return position;
    }

    public void position(int newPosition) {
        position = newPosition;
    }

    /** Empties the buffer, dropping a very large array so one huge batch does not pin memory forever. */
    public void reset() {
        position = 0;
        if (data.length > RETAINED_BYTES_MAX) {
            data = new byte[INITIAL_BYTES];
        }
    }

    /** Makes room for {@code bytes} more bytes after the position. */
    public void ensure(int bytes) {
        int needed = position + bytes;
        if (needed > data.length) {
            grow(needed);
        }
    }

    /** Makes the array at least {@code bytes} long, keeping nothing (for reading a reply body into it). */
    public byte[] capacity(int bytes) {
        if (bytes > data.length) {
            data = new byte[Math.max(bytes, data.length * 2)];
        }
        return data;
    }

    private void grow(int needed) {
        byte[] larger = new byte[Math.max(needed, data.length * 2)];
        System.arraycopy(data, 0, larger, 0, position);
        data = larger;
    }

    public void writeByte(int value) {
        ensure(1);
        data[position++] = (byte) value;
    }

    public void writeShort(int value) {
        ensure(2);
        Bytes.putShort(data, position, value);
        position += 2;
    }

    public void writeInt(int value) {
        ensure(4);
        Bytes.putInt(data, position, value);
        position += 4;
    }

    public void writeLong(long value) {
        ensure(8);
        Bytes.putLong(data, position, value);
        position += 8;
    }

    public void writeBytes(byte[] bytes) {
        writeBytes(bytes, 0, bytes.length);
    }

    public void writeBytes(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, data, position, length);
        position += length;
    }

    /** Writes the buffer's remaining bytes; its position is left where it was. */
    public void writeBytes(java.nio.ByteBuffer bytes) {
        int length = bytes.remaining();
        ensure(length);
        bytes.get(bytes.position(), data, position, length);
        position += length;
    }

    /** Writes {@code text} as UTF-8 without allocating; returns the number of bytes written. */
    public int writeUtf8(String text) {
        int length = Utf8.length(text);
        ensure(length);
        Utf8.encode(text, data, position);
        position += length;
        return length;
    }

    public void putInt(int at, int value) {
        Bytes.putInt(data, at, value);
    }

    public void putShort(int at, int value) {
        Bytes.putShort(data, at, value);
    }

    public void putLong(int at, long value) {
        Bytes.putLong(data, at, value);
    }
}
