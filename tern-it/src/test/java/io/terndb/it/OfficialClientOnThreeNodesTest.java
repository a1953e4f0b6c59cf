package io.terndb.it;

import org.junit.jupiter.api.Nested;

/**
 * The official client's integration tests on a cluster of three nodes (replication factor 2), in CI: each nested
 * class runs an existing single-node test class unchanged against one shared cluster, started once for all of them
 * ({@link TernNodes}); the client is seeded with node 0 only and must discover the other two. Records of a test
 * therefore live on two of three nodes, requests for partitions the client's map sends elsewhere are its routing's
 * business, and hand-written requests to node 0 ({@code RawRequestTest}) are proxied to the partition's master.
 *
 * <p>Run here, about 40-60 s in all on a two-core machine (one cluster start, ~8 s, then the tests):
 * {@code SingleRecordTest}, {@code OperateTest}, {@code BatchTest} (rows spread over three nodes),
 * {@code ScanTest} (partition scans over three nodes; the raw scan goes to the record's master, and only the master
 * scans a partition), {@code WritePolicyTest}, {@code ValueRoundTripTest}, {@code ExpirationTest},
 * {@code TruncateTest} (a truncate on one node answers once every node applied it), {@code RawRequestTest}
 * (hand-written requests to node 0 are proxied to the master and must answer byte for byte what it would), and
 * {@code ConcurrencyTest} (16 writers adding to one record lose no update with every add replicated).
 *
 * <p>Not run here, and why: {@code InfoCommandTest} and {@code ClientConnectTest} check a one-node cluster's info
 * answers (cluster size 1, no peers, every partition mastered); their cluster forms are {@code ClusterFormationTest}
 * and {@code ClusterClientTest}. {@code NamespaceSupervisorTest}, {@code StopWritesTest}, {@code EvictionTest} and
 * {@code NamespaceConfigTest} check one node's namespace statistics and limits (per-node counts, a memory limit one
 * node reaches before the others; {@code StopWritesTest} passes on three nodes with {@code -Dtern.it.nodes=3}, each
 * in a cluster of its own, since proles accept replica writes above their stop-writes threshold).
 * {@code DeviceStorageTest} and {@code RawDeviceTest}
 * check one node's device files and restarts ({@code ClusterFailoverTest} restarts cluster nodes).
 * {@code BadInputTest} passes on three nodes ({@code -Dtern.it.nodes=3}) but cannot share the cluster: its fuzzer
 * stores list, map and GeoJSON bins of random bytes, which the server keeps as given, so the official client then
 * fails to parse a scan of the whole namespace ({@code ScanTest}). Every class above runs on three nodes, one
 * cluster per class, with {@code mvn test -pl tern-it -Dtern.it.nodes=3 -Dtest=...}.
 */
@TernNodes(3)
class OfficialClientOnThreeNodesTest {

    @Nested
    class SingleRecord extends SingleRecordTest {
    }

    @Nested
    class Operate extends OperateTest {
    }

    @Nested
    class Batch extends BatchTest {
    }

    @Nested
    class Scan extends ScanTest {
    }

    @Nested
    class WritePolicy extends WritePolicyTest {
    }

    @Nested
    class ValueRoundTrip extends ValueRoundTripTest {
    }

    @Nested
    class Expiration extends ExpirationTest {
    }

    @Nested
    class Truncate extends TruncateTest {
    }

    @Nested
    class RawRequest extends RawRequestTest {
    }

    @Nested
    class Concurrency extends ConcurrencyTest {
    }
}
