package io.terndb.client;

import java.util.List;
import java.util.Objects;

/**
 * One row of a batch {@code operate}: operations on one key, with an optional write policy for its write ops
 * (null = the client's default write policy), or a whole-record delete.
 *
 * <pre>{@code
 * List<BatchResult> results = client.operate(List.of(
 *         BatchOperation.of(key1, Operation.add(new Bin("hits", 1)), Operation.get("hits")),
 *         BatchOperation.delete(key2)));
 * }</pre>
 */
public record BatchOperation(Key key, List<Operation> operations, WritePolicy writePolicy, boolean delete) {

    public BatchOperation {
        Objects.requireNonNull(key, "key");
        operations = List.copyOf(operations);
        if (operations.isEmpty() && !delete) {
            throw new IllegalArgumentException("operations=[] (a batch row needs operations, or use delete)");
        }
    }

    public static BatchOperation of(Key key, Operation... operations) {
        return new BatchOperation(key, List.of(operations), null, false);
    }

    public static BatchOperation of(Key key, WritePolicy policy, Operation... operations) {
        return new BatchOperation(key, List.of(operations), policy, false);
    }

    /** Deletes the record. */
    public static BatchOperation delete(Key key) {
        return new BatchOperation(key, List.of(), null, true);
    }

    /** Whether any op writes (so the row goes to the master and may be in doubt). */
    public boolean isWrite() {
        return delete || operations.stream().anyMatch(operation -> operation.kind().isWrite());
    }
}
