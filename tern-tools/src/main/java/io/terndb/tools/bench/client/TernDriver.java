package io.terndb.tools.bench.client;

import io.terndb.client.Bin;
import io.terndb.client.ClientConfig;
import io.terndb.client.Key;
import io.terndb.client.Policy;
import io.terndb.client.TernClient;
import io.terndb.client.WritePolicy;
import java.util.concurrent.CompletableFuture;

/** The workload through our client, with its default policies (reads: 2 retries; writes: none). */
final class TernDriver implements ClientDriver {

    private final TernClient client;
    private final Key[] keys;
    private final Bin[] bins;
    private final Policy readPolicy;
    private final WritePolicy writePolicy;

    TernDriver(BenchSettings settings) {
        ClientConfig config = ClientConfig.builder().seed(settings.host(), settings.port())
                .maxConnectionsPerNode(Math.max(100, settings.threads()))
                .eventLoops(settings.eventLoops())
                .maxInFlightPerLoop(Math.max(1024, settings.concurrency()))
                .maxInFlightPerNode(Math.max(1024, settings.concurrency()))
                .build();
        this.client = TernClient.connect(config);
        this.readPolicy = config.readPolicy();
        this.writePolicy = config.writePolicy();
        this.keys = new Key[settings.keys()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = new Key(settings.namespace(), settings.set(), settings.startKey() + i);
        }
        Object[] values = settings.binValues();
        this.bins = new Bin[values.length];
        for (int i = 0; i < values.length; i++) {
            bins[i] = new Bin("b" + i, values[i]);
        }
    }

    @Override
    public void put(int index) {
        client.put(writePolicy, keys[index], bins);
    }

    @Override
    public boolean get(int index) {
        return client.get(readPolicy, keys[index]) != null;
    }

    @Override
    public CompletableFuture<Void> putAsync(int index) {
        return client.async().put(writePolicy, keys[index], bins);
    }

    @Override
    public CompletableFuture<Boolean> getAsync(int index) {
        return client.async().get(readPolicy, keys[index]).thenApply(record -> record != null);
    }

    @Override
    public String description() {
        return "tern-client (this repository)";
    }

    @Override
    public void close() {
        client.close();
    }
}
