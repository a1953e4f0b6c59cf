package io.terndb.client.internal.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Big- and little-endian reads and writes on byte arrays, through VarHandles (no bounds-check loops). */
public final class Bytes {

    private static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Bytes() {
    }

    public static void putShort(byte[] data, int at, int value) {
        SHORT_BE.set(data, at, (short) value);
    }

    public static void putInt(byte[] data, int at, int value) {
        INT_BE.set(data, at, value);
    }

    public static void putLong(byte[] data, int at, long value) {
        LONG_BE.set(data, at, value);
    }

    public static int getUnsignedShort(byte[] data, int at) {
        return (short) SHORT_BE.get(data, at) & 0xFFFF;
    }

    public static int getInt(byte[] data, int at) {
        return (int) INT_BE.get(data, at);
    }

    public static long getLong(byte[] data, int at) {
        return (long) LONG_BE.get(data, at);
    }

    public static int getUnsignedByte(byte[] data, int at) {
        return data[at] & 0xFF;
    }
}
