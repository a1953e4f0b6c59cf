package io.terndb.client;

/**
 * The outcome of one batch row.
 *
 * @param key        the row's key
 * @param resultCode 0 on success, 2 if the record was not found, another server or client code otherwise
 * @param record     what the row's reads returned (null on failure or not found)
 * @param inDoubt    true when the row wrote and its outcome is unknown (the batch failed after sending)
 */
public record BatchResult(Key key, int resultCode, Record record, boolean inDoubt) {

    public boolean isSuccess() {
        return resultCode == 0;
    }
}
