package io.terndb.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.terndb.server.cluster.ClusterService;
import io.terndb.server.config.NamespaceConfig;
import io.terndb.server.config.StorageConfig;
import io.terndb.server.info.InfoCommands;
import io.terndb.server.info.InfoService;
import io.terndb.server.namespace.Namespaces;
import io.terndb.server.namespace.TruncationMetadata;
import io.terndb.server.txn.TransactionService;
import java.time.InstantSource;
import java.util.List;

/** The service pipeline over an in-memory channel with real namespaces: bytes in, reply frames out. */
final class ServiceHarness implements AutoCloseable {

    final Namespaces namespaces;
    final InfoService info;
    final TransactionService transactions;
    final ClusterService cluster;

    ServiceHarness(int maxRecordBytes) {
        namespaces = new Namespaces(List.of(new NamespaceConfig("test", 1, 0, 1, false, maxRecordBytes,
                new StorageConfig.Memory(64L << 20, 70, 0), List.of())), InstantSource.system());
        // Scans run inline: an embedded channel must only be used from the test's thread.
        transactions = new TransactionService(namespaces, InstantSource.system(), Runnable::run, Runnable::run);
        cluster = ClusterService.standalone(0xBB9000000000001L, namespaces, InstantSource.system(), transactions);
        info = new InfoService(new InfoCommands(0xBB9000000000001L, "unit", List.of("127.0.0.1:3000"), 3000,
                namespaces, InstantSource.system(), () -> 1, cluster));
        new TruncationMetadata(namespaces, namespace -> { }).register(cluster.node().metadata());
    }

    EmbeddedChannel channel() {
        EmbeddedChannel channel = new EmbeddedChannel();
        // Tests read replies and drop them: unpooled buffers without leak tracking, so GC is the only release.
        channel.config().setAllocator(new UnpooledByteBufAllocator(false, true));
        channel.pipeline().addLast(new FrameDecoder(info, transactions));
        return channel;
    }

    /** Sends one frame and returns the one reply frame (header included). */
    static ByteBuf exchange(EmbeddedChannel channel, ByteBuf request) {
        channel.writeInbound(request);
        channel.runPendingTasks();
        return channel.readOutbound();
    }

    @Override
    public void close() {
        cluster.close();
        namespaces.close();
    }
}
