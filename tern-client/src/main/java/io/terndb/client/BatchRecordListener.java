package io.terndb.client;

/**
 * Receives the rows of a batch read as they are parsed, on the event loop that read them: see
 * {@link AsyncTernClient#getViews}. Rows of keys on different nodes may arrive at the same time on different
 * threads; a row may arrive again when its node's part of the batch is retried. A listener must not block, and
 * must not keep the view after returning.
 */
@FunctionalInterface
public interface BatchRecordListener {

    /**
     * One answered row: {@code resultCode} is {@code ResultCode.OK} with the record's bins in {@code record}, or
     * a per-row error such as {@code KEY_NOT_FOUND_ERROR} (then {@code record} has no bins).
     */
    void record(int index, int resultCode, RecordView record);
}
