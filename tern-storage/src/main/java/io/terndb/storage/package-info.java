/**
 * The data storage layer: the off-heap primary index ({@code index}), the stored record layout ({@code record})
 * and the storage engines behind {@link io.terndb.storage.NamespaceStore}: the all-memory engine
 * ({@link io.terndb.storage.MemoryNamespaceStore}) and the device engine ({@code device}). Native memory access
 * ({@link io.terndb.storage.NativeMemory}), durability tickets and a network-free record access for benchmarks and
 * tests live here too. No networking here.
 */
package io.terndb.storage;
