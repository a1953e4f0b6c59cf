/**
 * Transactions of the AS_MSG protocol. The write path, in reading order: {@code TransactionService} (single record,
 * batch or scan) → {@code AsMessage} (the request's fields and ops, bounds-checked) → {@code WriteTransaction}
 * (policies, record lock, copy-on-write store) → {@code BinOperations} (one op on the working bins) →
 * {@code ReplyWriter}. Reads: {@code ReadTransaction}; deletes: {@code DeleteTransaction}; batches:
 * {@code BatchTransaction}; scans: {@code ScanJob}.
 */
package io.terndb.server.txn;
