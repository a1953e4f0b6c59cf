/**
 * Async execution on Netty event loops: per-loop state without locks, in-flight limits per loop and per node, a
 * bounded wait queue, timeout sweeps.
 */
package io.terndb.client.internal.async;
