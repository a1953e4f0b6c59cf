package io.terndb.protocol.msgpack;

import static io.terndb.protocol.msgpack.MsgPackFormat.*;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Checks an untrusted value (from a request) and rewrites it into the form the original stores, so that stored
 * values compare, sort and size the same whatever client encoded them:
 *
 * <ul>
 *   <li>integers, str/bin lengths and container counts in their shortest encoding; bin (c4-c6) becomes str;</li>
 *   <li>ordering headers reduced to {@code c7 00 flags} with only the flags that mean something (list: ordered;
 *       map: key-ordered, key-value-ordered; persist-index at the top level only), and dropped when no flag is
 *       left;</li>
 *   <li>ordered lists and key-ordered maps must already be in order; an unordered map's pairs are sorted by key
 *       (as the original does, so equal maps compare equal); duplicate keys are refused;</li>
 *   <li>map keys must be integers, strings or blobs; comparison sentinels, reserved bytes, bytes after the value
 *       and nesting deeper than {@link MsgPackFormat#DEPTH_MAX} are refused.</li>
 * </ul>
 *
 * Refusals throw {@link MalformedMsgPackException}. One instance per thread; its scratch arrays are reused.
 */
public final class MsgPackCanonical {

    private final MsgPackInput input = new MsgPackInput();
    private final MsgPackOrder order = new MsgPackOrder();
    private final IndexSort sorter = new IndexSort();
    /** For each map pair being written: key start and pair end in the output, stacked across nesting levels. */
    private int[] pairBounds = new int[64];
    private int pairBoundsUsed;
    private int[] sortIndexes = new int[32];
    private byte[] moveScratch = new byte[256];
    private MsgPackOutput output;
    private int sortBase;
    private final IndexSort.Comparison byKey = this::compareKeys;

    /**
     * Rewrites the one value that spans {@code [offset, offset + length)} of {@code segment} onto the end of
     * {@code out}. {@code topLevel}: the value is a whole bin, whose persist-index flag is kept.
     */
    public void rewrite(MemorySegment segment, long offset, long length, MsgPackOutput out, boolean topLevel) {
        input.wrap(segment, offset, length);
        output = out;
        pairBoundsUsed = 0;
        rewriteValue(0, topLevel);
        if (input.hasRemaining()) {
            throw MalformedMsgPackException.INSTANCE; // bytes after the value
        }
    }

    private void rewriteValue(int depth, boolean topLevel) {
        if (depth > DEPTH_MAX) {
            throw MalformedMsgPackException.INSTANCE;
        }
        int b = input.peekByte();
        if (b <= 0x7F || b >= NEGATIVE_FIXINT_MIN || (b >= UINT8 && b <= INT64)) {
            boolean unsigned = input.peekIsUnsignedEncoding();
            long value = input.readLong();
            if (unsigned) {
                output.writeUnsignedLong(value);
            } else {
                output.writeLong(value);
            }
        } else if ((b & 0xE0) == FIXSTR || b == STR8 || b == STR16 || b == STR32 || b == BIN8 || b == BIN16
                || b == BIN32) {
            int length = input.readStringHeader();
            output.writeStringHeader(length);
            output.writeBytes(input.segment(), input.position(), length);
            input.skipBytes(length);
        } else if (input.peekIsArray()) {
            rewriteList(depth, topLevel);
        } else if (input.peekIsMap()) {
            rewriteMap(depth, topLevel);
        } else if (input.peekIsExt()) {
            rewriteExt();
        } else if (b == NIL || b == TRUE || b == FALSE) {
            output.writeByte(b);
            input.skipBytes(1);
        } else if (b == FLOAT32 || b == FLOAT64) {
            int bytes = b == FLOAT32 ? 5 : 9;
            long at = input.position();
            input.skipBytes(bytes);
            output.writeBytes(input.segment(), at, bytes);
        } else {
            throw MalformedMsgPackException.INSTANCE;
        }
    }

    private void rewriteExt() {
        int type = input.readExtHeader();
        int length = input.extLength();
        if (type == EXT_TYPE_COMPARE && length > 0 && length < 4) {
            throw MalformedMsgPackException.INSTANCE; // a comparison sentinel is not a value
        }
        output.writeExtHeader(type, length);
        output.writeBytes(input.segment(), input.position(), length);
        input.skipBytes(length);
    }

    private void rewriteList(int depth, boolean topLevel) {
        int count = input.readArrayHeader();
        int header = input.readOrderHeader(count);
        int flags = 0;
        if (header >= 0) {
            count--;
            flags = header & (LIST_ORDERED | PERSIST_INDEX) & (topLevel ? 0xFF : ~PERSIST_INDEX);
        }
        if (flags != 0) {
            output.writeArrayHeader(count + 1);
            output.writeOrderHeader(flags);
        } else {
            output.writeArrayHeader(count);
        }
        boolean ordered = (flags & LIST_ORDERED) != 0;
        int previous = -1;
        for (int i = 0; i < count; i++) {
            int start = output.length();
            rewriteValue(depth + 1, false);
            if (ordered && previous >= 0 && compareOutput(previous, start) > 0) {
                throw MalformedMsgPackException.INSTANCE; // "ordered" list out of order
            }
            previous = start;
        }
    }

    private void rewriteMap(int depth, boolean topLevel) {
        int pairs = input.readMapHeader();
        int header = input.readOrderHeader(pairs);
        int flags = 0;
        if (header >= 0) {
            input.skip(); // the header's nil value
            pairs--;
            flags = header & (MAP_KEY_VALUE_ORDERED | PERSIST_INDEX) & (topLevel ? 0xFF : ~PERSIST_INDEX);
        }
        if (flags != 0) {
            output.writeMapHeader(pairs + 1);
            output.writeOrderHeader(flags);
            output.writeNil();
        } else {
            output.writeMapHeader(pairs);
        }
        int base = pairBoundsUsed;
        ensurePairBounds(base + pairs * 2);
        pairBoundsUsed = base + pairs * 2;
        boolean sorted = true;
        for (int i = 0; i < pairs; i++) {
            checkKeyType();
            int keyStart = output.length();
            rewriteValue(depth + 1, false);
            rewriteValue(depth + 1, false);
            pairBounds[base + i * 2] = keyStart;
            pairBounds[base + i * 2 + 1] = output.length();
            if (sorted && i > 0) {
                int result = compareOutput(pairBounds[base + i * 2 - 2], keyStart);
                if (result == 0) {
                    throw MalformedMsgPackException.INSTANCE; // duplicate key
                }
                if (result > 0) {
                    if ((flags & MAP_KEY_ORDERED) != 0) {
                        throw MalformedMsgPackException.INSTANCE; // "key-ordered" map out of order
                    }
                    sorted = false;
                }
            }
        }
        if (!sorted) {
            sortPairs(base, pairs);
        }
        pairBoundsUsed = base;
    }

    /** Map keys are integers, strings or blobs (a non-empty payload led by the blob particle type). */
    private void checkKeyType() {
        int type = input.peekType();
        if (MsgPackType.isInteger(type) || type == MsgPackType.STRING) {
            return;
        }
        if (type == MsgPackType.BYTES) {
            long at = input.position();
            int length = input.readStringHeader();
            boolean blob = length > 0 && input.byteAt(input.position()) == MsgPackType.PARTICLE_BLOB;
            input.position(at);
            if (blob) {
                return;
            }
        }
        throw MalformedMsgPackException.INSTANCE;
    }

    private void sortPairs(int base, int pairs) {
        if (sortIndexes.length < pairs) {
            sortIndexes = new int[Math.max(pairs, sortIndexes.length * 2)];
        }
        for (int i = 0; i < pairs; i++) {
            sortIndexes[i] = i;
        }
        sortBase = base;
        sorter.sort(sortIndexes, 0, pairs, byKey);
        for (int i = 1; i < pairs; i++) {
            if (compareKeys(sortIndexes[i - 1], sortIndexes[i]) == 0) {
                throw MalformedMsgPackException.INSTANCE; // duplicate key
            }
        }
        int regionStart = pairBounds[base];
        int regionLength = pairBounds[base + pairs * 2 - 1] - regionStart;
        if (moveScratch.length < regionLength) {
            moveScratch = new byte[Math.max(regionLength, moveScratch.length * 2)];
        }
        byte[] buffer = output.buffer();
        System.arraycopy(buffer, regionStart, moveScratch, 0, regionLength);
        int at = regionStart;
        for (int i = 0; i < pairs; i++) {
            int pair = sortIndexes[i];
            int from = pairBounds[base + pair * 2] - regionStart;
            int bytes = pairBounds[base + pair * 2 + 1] - regionStart - from;
            System.arraycopy(moveScratch, from, buffer, at, bytes);
            at += bytes;
        }
    }

    private int compareKeys(int leftPair, int rightPair) {
        return compareOutput(pairBounds[sortBase + leftPair * 2], pairBounds[sortBase + rightPair * 2]);
    }

    private int compareOutput(int leftAt, int rightAt) {
        MemorySegment segment = output.segment();
        return order.compare(segment, leftAt, output.length(), segment, rightAt, output.length());
    }

    private void ensurePairBounds(int size) {
        if (pairBounds.length < size) {
            pairBounds = Arrays.copyOf(pairBounds, Math.max(size, pairBounds.length * 2));
        }
    }
}
