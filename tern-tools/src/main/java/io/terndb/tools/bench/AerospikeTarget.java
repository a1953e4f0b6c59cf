package io.terndb.tools.bench;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Host;
import com.aerospike.client.Key;
import com.aerospike.client.policy.ClientPolicy;

/**
 * An Aerospike-protocol server (TernDB) through the official Aerospike Java client: namespace {@code test},
 * set {@code bench}, one blob bin {@code v}; default read and write policies (a write is an update).
 */
public final class AerospikeTarget implements PeerTarget {
    public static final String NAMESPACE = "test";
    public static final String SET = "bench";
    public static final String BIN = "v";

    private final AerospikeClient client;
    private final Key[] keys;
    private final Bin bin;

    private AerospikeTarget(AerospikeClient client, Key[] keys, Bin bin) {
        this.client = client;
        this.keys = keys;
        this.bin = bin;
    }

    /** Connects to the node at {@code address}; keys are built up front so digests stay off the timed path. */
    public static AerospikeTarget connect(HostPort address, Workload workload, byte[] value)
            throws TargetUnavailableException {
        ClientPolicy policy = new ClientPolicy();
        policy.maxConnsPerNode = Math.max(policy.maxConnsPerNode, workload.threads());
        AerospikeClient client;
        try {
            client = new AerospikeClient(policy, new Host(address.host(), address.port()));
        } catch (AerospikeException e) {
            throw new TargetUnavailableException(
                    "cannot connect to Aerospike-protocol server at " + address + ": "
                            + Messages.oneLine(e.getMessage()));
        }
        Key[] keys = new Key[workload.keys()];
        for (int index = 0; index < keys.length; index++) {
            keys[index] = new Key(NAMESPACE, SET, index);
        }
        return new AerospikeTarget(client, keys, new Bin(BIN, value));
    }

    @Override
    public void update(int key) {
        client.put(null, keys[key], bin);
    }

    @Override
    public boolean read(int key) {
        return client.get(null, keys[key]) != null;
    }

    @Override
    public void close() {
        client.close();
    }
}
