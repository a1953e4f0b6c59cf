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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every command of the client through one interface, so each integration test runs once with the sync calls and
 * once with the async calls (joined, their exception unwrapped).
 */
interface Commands {

    void put(WritePolicy policy, Key key, Bin... bins);

    void add(WritePolicy policy, Key key, Bin... bins);

    void append(WritePolicy policy, Key key, Bin... bins);

    void prepend(WritePolicy policy, Key key, Bin... bins);

    Record get(Key key);

    Record get(Key key, String... binNames);

    Record getHeader(Key key);

    boolean exists(Key key);

    boolean delete(Key key);

    void touch(Key key);

    Record operate(Key key, Operation... operations);

    Record[] get(Key[] keys);

    boolean[] exists(Key[] keys);

    List<BatchResult> operate(List<BatchOperation> operations);

    void scan(ScanPolicy policy, PartitionFilter filter, String namespace, String set, ScanListener listener,
            String... binNames);

    static Commands sync(TernClient client) {
        return new SyncCommands(client);
    }

    static Commands async(TernClient client) {
        return new AsyncCommands(client);
    }

    /** Waits for an async result, rethrowing the command's own exception. */
    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("async command did not complete within 30 s", e);
        }
    }
}
