package io.terndb.cluster.partition;

/**
 * What one node's copy of one partition holds: a key naming the lineage of writes the copy follows (0 = the node
 * holds no data for the partition) and flags. Two copies with the same key and neither {@link #SUBSET} hold the same
 * acknowledged writes; a {@link #SUBSET} copy may lack some (it was still receiving a migration, or it was
 * rebuilt after a restart). A new key is minted at each rebalance that moves data, so copies that took writes apart
 * (a split brain) never share a key and are merged, not trusted.
 */
public final class PartitionVersion {

    public static final long NONE = 0;
    /** The copy may lack acknowledged writes of its lineage. */
    public static final int SUBSET = 1;
    /** The copy's node was the partition's working master when the key was minted. */
    public static final int MASTER = 2;

    private PartitionVersion() {
    }

    public static boolean hasData(long key) {
        return key != NONE;
    }

    public static boolean full(long key, int flags) {
        return key != NONE && (flags & SUBSET) == 0;
    }

    public static String format(long key, int flags) {
        if (key == NONE) {
            return "none";
        }
        return Long.toHexString(key).toUpperCase(java.util.Locale.ROOT)
                + ((flags & SUBSET) != 0 ? "s" : "") + ((flags & MASTER) != 0 ? "m" : "");
    }

    /** A second lineage key derived from {@code clusterKey}, for the working master's family in a merge. */
    public static long familyKey(long clusterKey, int family) {
        long key = clusterKey * 0x9E3779B97F4A7C15L + family;
        return key == NONE ? 1 : key;
    }
}
