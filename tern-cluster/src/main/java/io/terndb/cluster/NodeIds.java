package io.terndb.cluster;

import java.util.Arrays;
import java.util.Locale;
import java.util.StringJoiner;

/** Node ids are 64-bit; the original prints them as upper-case hex without leading zeros. */
public final class NodeIds {

    private NodeIds() {
    }

    public static String format(long nodeId) {
        return Long.toHexString(nodeId).toUpperCase(Locale.ROOT);
    }

    /** {@code [A3, A2, A1]}. */
    public static String format(long[] nodeIds) {
        StringJoiner out = new StringJoiner(", ", "[", "]");
        for (long id : nodeIds) {
            out.add(format(id));
        }
        return out.toString();
    }

    /** Node ids are unsigned (a fabric port above 32767 sets the top bit): every comparison goes through here. */
    public static int compare(long a, long b) {
        return Long.compareUnsigned(a, b);
    }

    /** The higher of two node ids. */
    public static long max(long a, long b) {
        return compare(a, b) >= 0 ? a : b;
    }

    /** The highest id of a non-empty list. */
    public static long max(long[] nodeIds) {
        long highest = nodeIds[0];
        for (long id : nodeIds) {
            highest = max(highest, id);
        }
        return highest;
    }

    /** Node ids as the original orders its succession list: the highest first (the principal). */
    public static long[] descending(long[] nodeIds) {
        return Arrays.stream(nodeIds).boxed().sorted((a, b) -> compare(b, a)).mapToLong(Long::longValue).toArray();
    }

    /** Ascending, unsigned. */
    public static long[] ascending(long[] nodeIds) {
        return Arrays.stream(nodeIds).boxed().sorted(NodeIds::compare).mapToLong(Long::longValue).toArray();
    }

    public static boolean contains(long[] nodeIds, long nodeId) {
        for (long id : nodeIds) {
            if (id == nodeId) {
                return true;
            }
        }
        return false;
    }

    public static int indexOf(long[] nodeIds, long nodeId) {
        for (int i = 0; i < nodeIds.length; i++) {
            if (nodeIds[i] == nodeId) {
                return i;
            }
        }
        return -1;
    }
}
