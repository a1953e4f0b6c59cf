package io.terndb.client;

/** When a write is acknowledged. */
public enum CommitLevel {
    /** After the master and every replica applied it. */
    ALL,
    /** After the master applied it. */
    MASTER
}
