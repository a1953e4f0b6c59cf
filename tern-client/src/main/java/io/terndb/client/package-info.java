/**
 * TernDB's Java client: {@link io.terndb.client.TernClient} (sync) and {@link io.terndb.client.AsyncTernClient}
 * (async, {@code CompletableFuture}), keys, bins, records, operations, policies with builders, and the
 * exceptions. Everything else lives in {@code io.terndb.client.internal} and may change without notice.
 * docs/client-guide.md shows how to use it.
 */
package io.terndb.client;
