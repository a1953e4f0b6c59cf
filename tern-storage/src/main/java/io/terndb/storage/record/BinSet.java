package io.terndb.storage.record;

import static io.terndb.storage.NativeMemory.ALL;
import static io.terndb.storage.NativeMemory.BYTE;
import static io.terndb.storage.NativeMemory.INT;
import static io.terndb.storage.NativeMemory.SHORT;

import io.terndb.storage.NativeMemory;
import java.util.Arrays;

/**
 * A record being rebuilt by a write: its stored key and bins decoded into reusable arrays, changed by the
 * transaction's operations, then encoded as a new {@link RecordLayout} image. One instance per worker thread, reused
 * for every write, so the write path allocates nothing once the arrays have grown to the working size.
 *
 * <p>Values live in one byte array; replacing a bin's value appends the new bytes and leaves the old ones unused
 * until {@link #clear()}.
 */
public final class BinSet {

    private static final int NAME_SLOT_BYTES = 16;

    private int count;
    private byte[] names = new byte[NAME_SLOT_BYTES * 16];
    private byte[] nameLengths = new byte[16];
    private byte[] types = new byte[16];
    private int[] valueOffsets = new int[16];
    private int[] valueLengths = new int[16];
    private byte[] values = new byte[4096];
    private int valuesUsed;
    private byte[] key = new byte[64];
    private int keyLength;

    public void clear() {
        count = 0;
        valuesUsed = 0;
        keyLength = 0;
    }

    /** Replaces the contents with the stored record at {@code record}. */
    public void load(long record) {
        clear();
        int storedKeyBytes = RecordLayout.keyBytes(record);
        if (storedKeyBytes > 0) {
            ensureKeyCapacity(storedKeyBytes);
            NativeMemory.copyToArray(RecordLayout.key(record), key, 0, storedKeyBytes);
            keyLength = storedKeyBytes;
        }
        long bin = RecordLayout.firstBin(record);
        for (int i = RecordLayout.binCount(record); i > 0; i--) {
            int nameBytes = RecordLayout.nameBytes(bin);
            int valueBytes = RecordLayout.valueBytes(bin);
            int index = appendBin(RecordLayout.particleType(bin));
            NativeMemory.copyToArray(RecordLayout.name(bin), names, index * NAME_SLOT_BYTES, nameBytes);
            nameLengths[index] = (byte) nameBytes;
            int offset = reserveValue(index, RecordLayout.particleType(bin), valueBytes);
            NativeMemory.copyToArray(RecordLayout.value(bin), values, offset, valueBytes);
            bin = RecordLayout.nextBin(bin);
        }
    }

    public int count() {
        return count;
    }

    /** The bin index with this name, or -1. */
    public int indexOf(byte[] name, int nameLength) {
        for (int i = 0; i < count; i++) {
            if (nameLengths[i] == nameLength
                    && Arrays.equals(names, i * NAME_SLOT_BYTES, i * NAME_SLOT_BYTES + nameLength,
                            name, 0, nameLength)) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the bin with this name, added (with type NULL and no value) when absent. */
    public int indexOrAdd(byte[] name, int nameLength) {
        int index = indexOf(name, nameLength);
        if (index >= 0) {
            return index;
        }
        index = appendBin(0);
        System.arraycopy(name, 0, names, index * NAME_SLOT_BYTES, nameLength);
        nameLengths[index] = (byte) nameLength;
        valueOffsets[index] = 0;
        valueLengths[index] = 0;
        return index;
    }

    /** Appends a bin even if one with this name exists (operation results may repeat a name). */
    public int add(byte[] name, int nameOffset, int nameLength) {
        int index = appendBin(0);
        System.arraycopy(name, nameOffset, names, index * NAME_SLOT_BYTES, nameLength);
        nameLengths[index] = (byte) nameLength;
        valueOffsets[index] = 0;
        valueLengths[index] = 0;
        return index;
    }

    /** Like {@link #add(byte[], int, int)} with the name in native memory at {@code address}. */
    public int addNative(long address, int nameLength) {
        int index = appendBin(0);
        NativeMemory.copyToArray(address, names, index * NAME_SLOT_BYTES, nameLength);
        nameLengths[index] = (byte) nameLength;
        valueOffsets[index] = 0;
        valueLengths[index] = 0;
        return index;
    }

    public void remove(int index) {
        int tail = count - index - 1;
        System.arraycopy(names, (index + 1) * NAME_SLOT_BYTES, names, index * NAME_SLOT_BYTES, tail * NAME_SLOT_BYTES);
        System.arraycopy(nameLengths, index + 1, nameLengths, index, tail);
        System.arraycopy(types, index + 1, types, index, tail);
        System.arraycopy(valueOffsets, index + 1, valueOffsets, index, tail);
        System.arraycopy(valueLengths, index + 1, valueLengths, index, tail);
        count--;
    }

    public void removeAll() {
        count = 0;
    }

    /**
     * Gives bin {@code index} a new value of {@code length} bytes and type {@code type}; returns the offset in
     * {@link #values()} where the caller writes the bytes. May replace the array: fetch {@link #values()} after.
     */
    public int reserveValue(int index, int type, int length) {
        if (valuesUsed + length > values.length) {
            values = Arrays.copyOf(values, Math.max(values.length * 2, valuesUsed + length));
        }
        int offset = valuesUsed;
        valuesUsed += length;
        types[index] = (byte) type;
        valueOffsets[index] = offset;
        valueLengths[index] = length;
        return offset;
    }

    public byte[] values() {
        return values;
    }

    public int type(int index) {
        return types[index];
    }

    public int valueOffset(int index) {
        return valueOffsets[index];
    }

    public int valueLength(int index) {
        return valueLengths[index];
    }

    public byte[] names() {
        return names;
    }

    public int nameOffset(int index) {
        return index * NAME_SLOT_BYTES;
    }

    public int nameLength(int index) {
        return nameLengths[index];
    }

    public int keyLength() {
        return keyLength;
    }

    public byte[] key() {
        return key;
    }

    /** Sets the stored key (particle type byte + value bytes). */
    public void key(byte[] source, int offset, int length) {
        ensureKeyCapacity(length);
        System.arraycopy(source, offset, key, 0, length);
        keyLength = length;
    }

    /** Bytes that {@link #encode} writes. */
    public long encodedBytes() {
        long bytes = RecordLayout.HEADER_BYTES + keyLength;
        for (int i = 0; i < count; i++) {
            bytes += RecordLayout.BIN_OVERHEAD_BYTES + nameLengths[i] + valueLengths[i];
        }
        return bytes;
    }

    /** Writes the record image to {@code address}, which has room for {@link #encodedBytes()} bytes. */
    public void encode(long address, int totalBytes) {
        ALL.set(INT, address + RecordLayout.TOTAL_BYTES_OFFSET, totalBytes);
        ALL.set(SHORT, address + RecordLayout.BIN_COUNT_OFFSET, (short) count);
        ALL.set(SHORT, address + RecordLayout.KEY_BYTES_OFFSET, (short) keyLength);
        long position = address + RecordLayout.KEY_OFFSET;
        NativeMemory.copyFromArray(key, 0, position, keyLength);
        position += keyLength;
        for (int i = 0; i < count; i++) {
            int nameLength = nameLengths[i];
            ALL.set(BYTE, position, (byte) nameLength);
            NativeMemory.copyFromArray(names, i * NAME_SLOT_BYTES, position + 1, nameLength);
            position += 1 + nameLength;
            ALL.set(BYTE, position, types[i]);
            ALL.set(INT, position + 1, valueLengths[i]);
            position += 5;
            NativeMemory.copyFromArray(values, valueOffsets[i], position, valueLengths[i]);
            position += valueLengths[i];
        }
    }

    private int appendBin(int type) {
        if (count == types.length) {
            int capacity = count * 2;
            names = Arrays.copyOf(names, capacity * NAME_SLOT_BYTES);
            nameLengths = Arrays.copyOf(nameLengths, capacity);
            types = Arrays.copyOf(types, capacity);
            valueOffsets = Arrays.copyOf(valueOffsets, capacity);
            valueLengths = Arrays.copyOf(valueLengths, capacity);
        }
        types[count] = (byte) type;
        return count++;
    }

    private void ensureKeyCapacity(int length) {
        if (key.length < length) {
            key = new byte[Math.max(length, key.length * 2)];
        }
    }
}
