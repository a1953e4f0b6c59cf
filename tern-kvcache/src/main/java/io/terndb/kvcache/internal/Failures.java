package io.terndb.kvcache.internal;

import io.terndb.client.ClientResultCode;

import io.terndb.client.TernException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Reading the cause of a failed future. */
final class Failures {

    private Failures() {
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * The failure as the client's exception type, so callers see a result code: a client failure as is, anything
     * else (a broken invariant in the store, a commit past its cutoff) as CLIENT_ERROR with its message.
     */
    static TernException asTernException(Throwable failure) {
        Throwable cause = unwrap(failure);
        return cause instanceof TernException e ? e
                : new TernException(ClientResultCode.CLIENT_ERROR, cause.toString(), null, false, cause);
    }

    static boolean hasResultCode(Throwable failure, int resultCode) {
        return unwrap(failure) instanceof TernException e && e.resultCode() == resultCode;
    }

    /** A write that may have been applied: its effects must be assumed present. */
    static boolean isInDoubt(Throwable failure) {
        return unwrap(failure) instanceof TernException e && e.inDoubt();
    }
}
