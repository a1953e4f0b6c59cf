package io.terndb.tools.bench.client;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Host;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.async.EventLoops;
import com.aerospike.client.async.EventPolicy;
import com.aerospike.client.async.NettyEventLoops;
import com.aerospike.client.listener.RecordListener;
import com.aerospike.client.listener.WriteListener;
import com.aerospike.client.policy.ClientPolicy;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.util.concurrent.CompletableFuture;

/**
 * The workload through the official Aerospike Java client, default policies, async on Netty event loops (epoll
 * where available, as ours), so both drivers use the same I/O library and loop count.
 */
final class AerospikeDriver implements ClientDriver {

    private final AerospikeClient client;
    private final EventLoops eventLoops;
    private final Key[] keys;
    private final Bin[] bins;

    AerospikeDriver(BenchSettings settings) {
        EventPolicy eventPolicy = new EventPolicy();
        eventPolicy.maxCommandsInProcess = 0;
        eventPolicy.maxCommandsInQueue = 0;
        this.eventLoops = new NettyEventLoops(eventPolicy, Epoll.isAvailable()
                ? new EpollEventLoopGroup(settings.eventLoops()) : new NioEventLoopGroup(settings.eventLoops()));
        ClientPolicy policy = new ClientPolicy();
        policy.eventLoops = eventLoops;
        policy.maxConnsPerNode = Math.max(policy.maxConnsPerNode, Math.max(settings.threads(),
                settings.concurrency()));
        policy.asyncMaxConnsPerNode = Math.max(policy.asyncMaxConnsPerNode, settings.concurrency());
        try {
            this.client = new AerospikeClient(policy, new Host(settings.host(), settings.port()));
        } catch (AerospikeException e) {
            eventLoops.close();
            throw e;
        }
        this.keys = new Key[settings.keys()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = new Key(settings.namespace(), settings.set(), settings.startKey() + i);
        }
        Object[] values = settings.binValues();
        this.bins = new Bin[values.length];
        for (int i = 0; i < values.length; i++) {
            bins[i] = new Bin("b" + i, com.aerospike.client.Value.get(values[i]));
        }
    }

    @Override
    public void put(int index) {
        client.put(null, keys[index], bins);
    }

    @Override
    public boolean get(int index) {
        return client.get(null, keys[index]) != null;
    }

    @Override
    public CompletableFuture<Void> putAsync(int index) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        client.put(eventLoops.next(), new WriteListener() {
            @Override
            public void onSuccess(Key key) {
                future.complete(null);
            }

            @Override
            public void onFailure(AerospikeException exception) {
                future.completeExceptionally(exception);
            }
        }, null, keys[index], bins);
        return future;
    }

    @Override
    public CompletableFuture<Boolean> getAsync(int index) {
        CompletableFuture<Boolean> future = new CompletableFuture<>();
        client.get(eventLoops.next(), new RecordListener() {
            @Override
            public void onSuccess(Key key, Record record) {
                future.complete(record != null);
            }

            @Override
            public void onFailure(AerospikeException exception) {
                future.completeExceptionally(exception);
            }
        }, null, keys[index]);
        return future;
    }

    @Override
    public String description() {
        return "official Aerospike Java client (aerospike-client-jdk21 " + version() + ")";
    }

    /** The client jar's version, from the Maven metadata it carries (its manifest has none). */
    private static String version() {
        String resource = "/META-INF/maven/com.aerospike/aerospike-client-jdk21/pom.properties";
        try (java.io.InputStream in = AerospikeClient.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "version unknown";
            }
            java.util.Properties properties = new java.util.Properties();
            properties.load(in);
            return properties.getProperty("version", "version unknown");
        } catch (java.io.IOException e) {
            return "version unknown";
        }
    }

    @Override
    public void close() {
        client.close();
        eventLoops.close();
    }
}
