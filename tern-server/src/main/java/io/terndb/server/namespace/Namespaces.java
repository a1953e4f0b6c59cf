package io.terndb.server.namespace;

import io.netty.buffer.ByteBuf;
import io.terndb.server.config.NamespaceConfig;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/** The namespaces a node serves, found by the raw bytes of a NAMESPACE field without allocating. */
public final class Namespaces implements AutoCloseable {

    private final Namespace[] namespaces;
    /** Fixed at start: whether any namespace's storage may block (device I/O). */
    private final boolean anyBlocking;

    public Namespaces(List<NamespaceConfig> configs, InstantSource clock) {
        StaleIndexDirectories.reclaim(configs);
        List<Namespace> opened = new ArrayList<>();
        try {
            for (NamespaceConfig config : configs) {
                opened.add(new Namespace(config, clock));
            }
        } catch (RuntimeException e) {
            opened.forEach(Namespace::close);
            throw e;
        }
        this.namespaces = opened.toArray(new Namespace[0]);
        this.anyBlocking = opened.stream().anyMatch(namespace -> namespace.store().blocking());
    }

    /** The namespace named by {@code length} bytes at {@code at} in {@code buffer}, or {@code null}. */
    public Namespace find(ByteBuf buffer, int at, int length) {
        for (Namespace namespace : namespaces) {
            byte[] name = namespace.nameBytes();
            if (name.length == length && matches(buffer, at, name)) {
                return namespace;
            }
        }
        return null;
    }

    public Namespace find(String name) {
        for (Namespace namespace : namespaces) {
            if (namespace.name().equals(name)) {
                return namespace;
            }
        }
        return null;
    }

    /** Whether any namespace's storage may block (device I/O). */
    public boolean anyBlocking() {
        return anyBlocking;
    }

    public List<Namespace> all() {
        return List.of(namespaces);
    }

    @Override
    public void close() {
        for (Namespace namespace : namespaces) {
            namespace.close();
        }
    }

    private static boolean matches(ByteBuf buffer, int at, byte[] name) {
        for (int i = 0; i < name.length; i++) {
            if (buffer.getByte(at + i) != name[i]) {
                return false;
            }
        }
        return true;
    }
}
