package io.terndb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.aerospike.client.AerospikeException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions on the result codes the client reports from the server. */
final class ResultCodes {

    private ResultCodes() {
    }

    /** Runs {@code command} and asserts it fails with {@code AerospikeException} carrying {@code resultCode}. */
    static AerospikeException assertFailsWith(int resultCode, ThrowingCallable command) {
        AerospikeException failure = catchThrowableOfType(AerospikeException.class, command);
        assertThat(failure).as("expected result code %d", resultCode).isNotNull();
        assertThat(failure.getResultCode()).as("result code of %s", failure).isEqualTo(resultCode);
        return failure;
    }
}
