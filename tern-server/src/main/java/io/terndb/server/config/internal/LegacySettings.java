package io.terndb.server.config.internal;

import io.terndb.server.config.ConfigException;

/**
 * The namespace-level settings of Aerospike 6.x that moved into the storage engine in 7.0. A 6.x file gives them in
 * the namespace; the storage engine reads them as its own, or reports them as having no effect.
 *
 * @param memorySize         {@code memory-size}: the 6.x limit of a namespace's memory; becomes {@code data-size}
 * @param highWaterMemoryPct {@code high-water-memory-pct}: becomes {@code evict-used-pct} of a memory engine
 * @param stopWritesPct      {@code stop-writes-pct}: becomes {@code stop-writes-used-pct} of a memory engine
 * @param highWaterDiskPct   {@code high-water-disk-pct}: becomes {@code evict-used-pct} of a device engine
 */
record LegacySettings(Given memorySize, Given highWaterMemoryPct, Given stopWritesPct, Given highWaterDiskPct) {

    /**
     * Returns the engine's own setting if given, else the 6.x one it replaces, else the default; refuses both.
     *
     * @param engine e.g. {@code storage-engine memory}, for messages
     */
    static long resolve(Given current, String currentName, Given legacy, String legacyName, String engine,
            long defaultValue, ParseContext context) throws ConfigException {
        if (legacy == null) {
            return Given.orElse(current, defaultValue);
        }
        if (current != null) {
            throw context.error(legacy.line(), "both '" + currentName + "' (line " + current.line()
                    + ") and the Aerospike 6.x '" + legacyName + "' are set; keep only '" + currentName + "'");
        }
        context.notice("config: '" + legacyName + "' (Aerospike 6.x) is read as '" + currentName + "' of " + engine);
        return legacy.value();
    }
}
