package io.terndb.tools.bench;

/** The kinds of peer the benchmark can drive, each through its own official client. */
public enum TargetKind {
    AEROSPIKE("aerospike", "Aerospike Java client"),
    REDIS("redis", "Jedis");

    private final String optionName;
    private final String client;

    TargetKind(String optionName, String client) {
        this.optionName = optionName;
        this.client = client;
    }

    /** The name used on the command line ({@code --only aerospike}) and in thread names. */
    public String optionName() {
        return optionName;
    }

    /** The client library the benchmark drives this kind through. */
    public String client() {
        return client;
    }
}
