package io.terndb.client;

/**
 * Receives the records of a scan, one call per record. Sync scans call it on the calling thread; async scans on
 * an event loop thread, where it must not block. Throwing stops the scan and fails it with that exception.
 */
@FunctionalInterface
public interface ScanListener {
    void onRecord(Key key, Record record);
}
