/**
 * The data storage layer: the off-heap primary index ({@code index}), the stored record layout ({@code record})
 * and the storage engines. Today there is the all-memory engine ({@link io.terndb.storage.MemoryNamespaceStore});
 * the device engine comes with its issue. No networking here.
 */
package io.terndb.storage;
