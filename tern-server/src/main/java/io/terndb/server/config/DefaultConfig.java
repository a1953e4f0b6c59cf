package io.terndb.server.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The configuration a node runs with when given no file: one node on 127.0.0.1 (service 3000, fabric 3001,
 * heartbeat 3002, info 3003) with an in-memory namespace {@code test}. It is an Aerospike-format file,
 * {@code default.conf} beside this class, so that it is also a starting point users can copy.
 */
public final class DefaultConfig {

    /** The resource, relative to this class. */
    public static final String RESOURCE_NAME = "default.conf";
    /** How errors name the embedded file. */
    public static final String SOURCE_NAME = "embedded " + RESOURCE_NAME;

    private DefaultConfig() {
    }

    /**
     * Parses the embedded default; its {@link ServerConfig#source()} is {@code null}.
     *
     * @throws IllegalStateException if the embedded file does not parse, which tests rule out
     */
    public static ServerConfig load() {
        try {
            return ConfigParser.parse(text(), SOURCE_NAME, null);
        } catch (ConfigException e) {
            throw new IllegalStateException("the embedded default configuration does not parse: " + e.getMessage(), e);
        }
    }

    /** The text of the embedded default, e.g. to write out as a first configuration file. */
    public static String text() {
        try (InputStream in = DefaultConfig.class.getResourceAsStream(RESOURCE_NAME)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE_NAME + " is missing beside "
                        + DefaultConfig.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + RESOURCE_NAME, e);
        }
    }
}
