package io.terndb.cluster.net;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Looks host names up on a thread of its own. Netty's default resolver calls {@link InetAddress#getByName} on the
 * event loop that connects, where a slow DNS server would stall every connection of that loop. The thread starts
 * on the first lookup, so endpoints given as IP literals never start it.
 */
final class OffLoopResolver extends AddressResolverGroup<InetSocketAddress> {

    private final DefaultEventExecutor lookups =
            new DefaultEventExecutor(new DefaultThreadFactory("tern-resolve", true));

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor eventLoop) {
        return new InetNameResolver(eventLoop) {
            @Override
            protected void doResolve(String host, Promise<InetAddress> promise) {
                lookups.execute(() -> {
                    try {
                        promise.trySuccess(InetAddress.getByName(host));
                    } catch (UnknownHostException e) {
                        promise.tryFailure(e);
                    }
                });
            }

            @Override
            protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
                lookups.execute(() -> {
                    try {
                        promise.trySuccess(Arrays.asList(InetAddress.getAllByName(host)));
                    } catch (UnknownHostException e) {
                        promise.tryFailure(e);
                    }
                });
            }
        }.asAddressResolver();
    }

    @Override
    public void close() {
        super.close();
        lookups.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
