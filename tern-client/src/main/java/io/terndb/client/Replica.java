package io.terndb.client;

/** Which copy of a partition a command goes to, and where retries go. */
public enum Replica {
    /** Always the master. */
    MASTER,
    /** The master first; each retry moves to the next replica in order. */
    SEQUENCE,
    /** Reads spread over every replica (round robin); writes still go to the master. */
    ANY
}
