package io.terndb.server.txn;

import io.terndb.storage.index.PartitionIndex;
import java.util.Arrays;

/** The digests of one partition's records, copied out under the partition lock, sortable in memcmp order. */
final class DigestList {

    private static final int BYTES = 20;

    private byte[] digests;
    private int size;

    DigestList(int capacity) {
        digests = new byte[Math.max(1, capacity) * BYTES];
    }

    void add(long entry) {
        if ((size + 1) * BYTES > digests.length) {
            digests = Arrays.copyOf(digests, digests.length * 2);
        }
        PartitionIndex.copyDigest(entry, digests, size * BYTES);
        size++;
    }

    int size() {
        return size;
    }

    /** Keeps only digests strictly below {@code bound} in unsigned byte order. */
    void keepBelow(byte[] bound) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (Arrays.compareUnsigned(digests, i * BYTES, i * BYTES + BYTES, bound, 0, BYTES) < 0) {
                System.arraycopy(digests, i * BYTES, digests, kept * BYTES, BYTES);
                kept++;
            }
        }
        size = kept;
    }

    /** Sorts in descending unsigned byte order: the order in which the original walks a partition. */
    void sortDescending() {
        byte[] sorted = new byte[size * BYTES];
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(digests, b * BYTES, b * BYTES + BYTES, digests,
                a * BYTES, a * BYTES + BYTES));
        for (int i = 0; i < size; i++) {
            System.arraycopy(digests, order[i] * BYTES, sorted, i * BYTES, BYTES);
        }
        digests = sorted;
    }

    long d0(int i) {
        return getLongLE(i * BYTES);
    }

    long d1(int i) {
        return getLongLE(i * BYTES + 8);
    }

    int d2(int i) {
        int at = i * BYTES + 16;
        return (digests[at] & 0xFF) | (digests[at + 1] & 0xFF) << 8 | (digests[at + 2] & 0xFF) << 16
                | (digests[at + 3] & 0xFF) << 24;
    }

    private long getLongLE(int at) {
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = (value << 8) | (digests[at + i] & 0xFF);
        }
        return value;
    }
}
