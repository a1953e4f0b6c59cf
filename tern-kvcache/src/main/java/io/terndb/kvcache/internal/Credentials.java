package io.terndb.kvcache.internal;

import io.terndb.kvcache.ChunkStoreConfig;
import java.lang.System.Logger.Level;

/**
 * LMCache's {@code username}/{@code password}: TernDB, like Aerospike Community Edition, has no access control, and
 * the client has no login, so credentials are accepted (configurations stay portable) but not sent. Saying so
 * once, at warning level, keeps a deployment from believing it is protected by them.
 */
public final class Credentials {

    private static final System.Logger LOG = System.getLogger("io.terndb.kvcache");

    private Credentials() {
    }

    public static void warnIfGiven(ChunkStoreConfig config) {
        if (!config.username().isEmpty()) {
            LOG.log(Level.WARNING, "username={0} is ignored: TernDB has no access control and the client does not "
                    + "log in; protect the server at the network level", config.username());
        }
    }
}
