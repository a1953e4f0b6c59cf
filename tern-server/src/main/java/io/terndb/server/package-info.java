/**
 * The TernDB node: {@link io.terndb.server.Main} parses the command line and the configuration, then
 * {@link io.terndb.server.Server#start} brings up, in order, the namespaces ({@code namespace}), the expiry
 * supervisor, the transaction service ({@code txn}), the info commands ({@code info}) and the network service
 * ({@code net}). Configuration lives in {@code config}.
 */
package io.terndb.server;
