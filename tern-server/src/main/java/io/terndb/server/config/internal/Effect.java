package io.terndb.server.config.internal;

/** What TernDB does with a setting that Aerospike 8.x knows. */
public enum Effect {
    /** Read into the configuration records. */
    APPLIES,
    /** Checked like the original checks it, then reported once as having no effect in TernDB. */
    NO_EFFECT,
    /** Removed from Aerospike; refused with a hint at what replaced it, as the original refuses it. */
    OBSOLETE,
    /** Would change what the server promises (security, encryption, durability) and TernDB cannot keep it yet. */
    UNSUPPORTED
}
