package io.terndb.cluster.membership;

import io.terndb.cluster.NodeIds;
import java.util.ArrayList;
import java.util.List;

/**
 * The nodes that can form one cluster with this node: every pair must hear each other. Starting from every node
 * this node hears, the node with the fewest mutual links inside the set is removed (the lowest id first among
 * equals) until every pair is linked. Greedy, deterministic, and exact in the cases that matter: a clean split, a
 * node cut off, an asymmetric link.
 */
public final class Clique {

    /** Mutual adjacency between two candidates. */
    @FunctionalInterface
    public interface Links {
        boolean linked(long a, long b);
    }

    private Clique() {
    }

    /** {@code candidates} includes self; self is never removed. Returns ids in ascending (unsigned) order. */
    public static long[] of(long self, long[] candidates, Links links) {
        List<Long> set = new ArrayList<>();
        for (long id : candidates) {
            set.add(id);
        }
        while (true) {
            long worst = 0;
            int worstLinks = Integer.MAX_VALUE;
            boolean complete = true;
            for (long a : set) {
                int count = 0;
                for (long b : set) {
                    if (a != b && links.linked(a, b)) {
                        count++;
                    }
                }
                if (count < set.size() - 1) {
                    complete = false;
                    if (a != self && (count < worstLinks || count == worstLinks && NodeIds.compare(a, worst) < 0)) {
                        worst = a;
                        worstLinks = count;
                    }
                }
            }
            if (complete || worstLinks == Integer.MAX_VALUE) {
                return NodeIds.ascending(set.stream().mapToLong(Long::longValue).toArray());
            }
            set.remove(worst);
        }
    }
}
