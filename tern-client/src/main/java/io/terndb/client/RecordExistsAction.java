package io.terndb.client;

/** What a write does when the record does or does not exist (reference §3.3). */
public enum RecordExistsAction {
    /** Create, or merge the given bins into the existing record. */
    UPDATE,
    /** The record must exist; merge the bins. Fails with result code 2 otherwise. */
    UPDATE_ONLY,
    /** Create, or replace all bins of the existing record. */
    REPLACE,
    /** The record must exist; replace all its bins. Fails with result code 2 otherwise. */
    REPLACE_ONLY,
    /** The record must not exist. Fails with result code 5 otherwise. */
    CREATE_ONLY
}
