package io.terndb.it.client;

import static io.terndb.it.client.Commands.join;

import io.terndb.client.AsyncTernClient;
import io.terndb.client.BatchOperation;
import io.terndb.client.BatchResult;
import io.terndb.client.Bin;
import io.terndb.client.Key;
import io.terndb.client.Operation;
import io.terndb.client.PartitionFilter;
import io.terndb.client.Record;
import io.terndb.client.ScanListener;
import io.terndb.client.ScanPolicy;
import io.terndb.client.TernClient;
import io.terndb.client.WritePolicy;
import java.util.List;

/** {@link Commands} through the async API, each future joined. */
final class AsyncCommands implements Commands {

    private final AsyncTernClient client;

    AsyncCommands(TernClient client) {
        this.client = client.async();
    }

    @Override
    public void put(WritePolicy policy, Key key, Bin... bins) {
        join(client.put(policy, key, bins));
    }

    @Override
    public void add(WritePolicy policy, Key key, Bin... bins) {
        join(client.add(policy, key, bins));
    }

    @Override
    public void append(WritePolicy policy, Key key, Bin... bins) {
        join(client.append(policy, key, bins));
    }

    @Override
    public void prepend(WritePolicy policy, Key key, Bin... bins) {
        join(client.prepend(policy, key, bins));
    }

    @Override
    public Record get(Key key) {
        return join(client.get(key));
    }

    @Override
    public Record get(Key key, String... binNames) {
        return join(client.get(key, binNames));
    }

    @Override
    public Record getHeader(Key key) {
        return join(client.getHeader(key));
    }

    @Override
    public boolean exists(Key key) {
        return join(client.exists(key));
    }

    @Override
    public boolean delete(Key key) {
        return join(client.delete(key));
    }

    @Override
    public void touch(Key key) {
        join(client.touch(key));
    }

    @Override
    public Record operate(Key key, Operation... operations) {
        return join(client.operate(key, operations));
    }

    @Override
    public Record[] get(Key[] keys) {
        return join(client.get(keys));
    }

    @Override
    public boolean[] exists(Key[] keys) {
        return join(client.exists(keys));
    }

    @Override
    public List<BatchResult> operate(List<BatchOperation> operations) {
        return join(client.operate(operations));
    }

    @Override
    public void scan(ScanPolicy policy, PartitionFilter filter, String namespace, String set, ScanListener listener,
            String... binNames) {
        join(client.scan(policy, filter, namespace, set, listener, binNames));
    }

    @Override
    public String toString() {
        return "async";
    }
}
