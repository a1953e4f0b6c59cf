package io.terndb.tools.bench.client;

/** The type of every bin a benchmark writes. */
public enum BinType {
    /** Random bytes of the bin size. */
    BYTES,
    /** Random ASCII letters of the bin size. */
    STRING,
    /** A random 64-bit integer (the bin size is ignored). */
    INTEGER
}
