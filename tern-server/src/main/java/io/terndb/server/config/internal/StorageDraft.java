package io.terndb.server.config.internal;

import io.terndb.server.config.ConfigException;
import io.terndb.server.config.StorageConfig;

/**
 * A storage engine read from its stanza but not yet built: the namespace may still give 6.x settings that the engine
 * takes over, after the {@code storage-engine} stanza as well as before it.
 */
interface StorageDraft {

    StorageConfig build(LegacySettings legacy) throws ConfigException;
}
