package io.terndb.server;

/**
 * What the node says about itself. {@code build} reports the Aerospike server version whose protocol and info
 * formats TernDB follows, because clients and tools gate features on it; TernDB's own version is separate.
 */
public final class Version {

    public static final String TERNDB = "0.1.0";
    public static final String COMPATIBLE_BUILD = "8.1.2.0";
    public static final String EDITION = "TernDB Community Edition";

    private Version() {
    }
}
