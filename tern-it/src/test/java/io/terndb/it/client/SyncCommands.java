package io.terndb.it.client;

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

/** {@link Commands} through the sync API. */
record SyncCommands(TernClient client) implements Commands {

    @Override
    public void put(WritePolicy policy, Key key, Bin... bins) {
        client.put(policy, key, bins);
    }

    @Override
    public void add(WritePolicy policy, Key key, Bin... bins) {
        client.add(policy, key, bins);
    }

    @Override
    public void append(WritePolicy policy, Key key, Bin... bins) {
        client.append(policy, key, bins);
    }

    @Override
    public void prepend(WritePolicy policy, Key key, Bin... bins) {
        client.prepend(policy, key, bins);
    }

    @Override
    public Record get(Key key) {
        return client.get(key);
    }

    @Override
    public Record get(Key key, String... binNames) {
        return client.get(key, binNames);
    }

    @Override
    public Record getHeader(Key key) {
        return client.getHeader(key);
    }

    @Override
    public boolean exists(Key key) {
        return client.exists(key);
    }

    @Override
    public boolean delete(Key key) {
        return client.delete(key);
    }

    @Override
    public void touch(Key key) {
        client.touch(key);
    }

    @Override
    public Record operate(Key key, Operation... operations) {
        return client.operate(key, operations);
    }

    @Override
    public Record[] get(Key[] keys) {
        return client.get(keys);
    }

    @Override
    public boolean[] exists(Key[] keys) {
        return client.exists(keys);
    }

    @Override
    public List<BatchResult> operate(List<BatchOperation> operations) {
        return client.operate(operations);
    }

    @Override
    public void scan(ScanPolicy policy, PartitionFilter filter, String namespace, String set, ScanListener listener,
            String... binNames) {
        client.scan(policy, filter, namespace, set, listener, binNames);
    }

    @Override
    public String toString() {
        return "sync";
    }
}
