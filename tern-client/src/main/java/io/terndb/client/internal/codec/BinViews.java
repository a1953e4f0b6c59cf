package io.terndb.client.internal.codec;

import io.terndb.client.RecordView;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bins of the record under a {@link ReplyParser}, as positions in its reply buffer: filled by
 * {@link ReplyParser#readViews}, reused for every record the parser reads (the arrays only grow), so reading a
 * record allocates nothing. Loop thread only.
 */
public final class BinViews implements RecordView {

    private byte[] data;
    private int generation;
    private int voidTime;
    private int count;
    private int[] nameAt = new int[4];
    private int[] nameLength = new int[4];
    private int[] types = new int[4];
    private int[] valueAt = new int[4];
    private int[] valueLength = new int[4];

    void begin(byte[] buffer, int recordGeneration, int recordVoidTime) {
        data = buffer;
        generation = recordGeneration;
        voidTime = recordVoidTime;
        count = 0;
    }

    void add(int binNameAt, int binNameLength, int particleType, int binValueAt, int binValueLength) {
        if (count == types.length) {
            int larger = count * 2;
            nameAt = Arrays.copyOf(nameAt, larger);
            nameLength = Arrays.copyOf(nameLength, larger);
            types = Arrays.copyOf(types, larger);
            valueAt = Arrays.copyOf(valueAt, larger);
            valueLength = Arrays.copyOf(valueLength, larger);
        }
        nameAt[count] = binNameAt;
        nameLength[count] = binNameLength;
        types[count] = particleType;
        valueAt[count] = binValueAt;
        valueLength[count] = binValueLength;
        count++;
    }

    @Override
    public int generation() {
        return generation;
    }

    @Override
    public int voidTime() {
        return voidTime;
    }

    @Override
    public int binCount() {
        return count;
    }

    @Override
    public int find(String name) {
        for (int bin = 0; bin < count; bin++) {
            if (nameEquals(bin, name)) {
                return bin;
            }
        }
        return -1;
    }

    /** Compares without decoding: ASCII names (all of ours) byte by byte, others through a String. */
    private boolean nameEquals(int bin, String name) {
        int length = nameLength[bin];
        int at = nameAt[bin];
        if (name.length() != length) {
            return !Utf8.isAscii(name) && name(bin).equals(name);
        }
        for (int i = 0; i < length; i++) {
            if (data[at + i] != name.charAt(i)) {
                return !Utf8.isAscii(name) && name(bin).equals(name);
            }
        }
        return true;
    }

    @Override
    public String name(int bin) {
        return new String(data, nameAt[check(bin)], nameLength[bin], StandardCharsets.UTF_8);
    }

    @Override
    public int particleType(int bin) {
        return types[check(bin)];
    }

    @Override
    public byte[] array() {
        return data;
    }

    @Override
    public int valueOffset(int bin) {
        return valueAt[check(bin)];
    }

    @Override
    public int valueLength(int bin) {
        return valueLength[check(bin)];
    }

    @Override
    public Object value(int bin) {
        return ReplyParser.value(types[check(bin)], data, valueAt[bin], valueLength[bin]);
    }

    private int check(int bin) {
        if (bin < 0 || bin >= count) {
            throw new IndexOutOfBoundsException("bin=" + bin + " of " + count);
        }
        return bin;
    }
}
