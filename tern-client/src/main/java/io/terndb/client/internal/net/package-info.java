/**
 * Sync sockets: one connection with reused buffers, and the per-node pool (bounded, idle-trimmed, health-checked).
 */
package io.terndb.client.internal.net;
