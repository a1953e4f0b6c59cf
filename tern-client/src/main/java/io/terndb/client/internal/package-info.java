/**
 * Client internals, not an API: {@code codec} (request and reply bytes, digests, MessagePack), {@code cluster}
 * (tending, nodes, partition map), {@code net} (sync connections and pools), {@code command} (what each command
 * sends and how it reads the reply, shared by both runtimes), {@code sync} (the calling-thread executor and its
 * deadline watchdog), {@code async} (Netty event loops with backpressure), {@code metrics}.
 */
package io.terndb.client.internal;
