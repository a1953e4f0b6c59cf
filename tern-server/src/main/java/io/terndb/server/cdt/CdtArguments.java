package io.terndb.server.cdt;

import io.terndb.protocol.msgpack.MalformedMsgPackException;
import io.terndb.protocol.msgpack.MsgPackInput;

/**
 * The parameters of one CDT op, read from its program in place: integers as {@code long}s, values as the span
 * of bytes they take in the program. Parameters the request left out keep their defaults (counts "to the end",
 * flags 0, values absent).
 */
final class CdtArguments {

    /** A count the request did not give: everything from the index on (the original's UINT32_MAX). */
    static final long COUNT_ALL = 0xFFFF_FFFFL;

    int opcode;
    int given;
    final long[] integers = new long[ListOpTable.PARAMETERS_MAX];
    final long[] valueStarts = new long[ListOpTable.PARAMETERS_MAX];
    final long[] valueEnds = new long[ListOpTable.PARAMETERS_MAX];

    /**
     * Reads {@code count} parameters of {@code opcode} at the cursor. Returns false when the count does not fit the
     * opcode (a parameter error); malformed values throw.
     */
    boolean read(MsgPackInput input, int opcode, int count, byte[] kinds) {
        this.opcode = opcode;
        this.given = count;
        for (int i = 0; i < ListOpTable.PARAMETERS_MAX; i++) {
            integers[i] = i < kinds.length && kinds[i] == ListOpTable.COUNT ? COUNT_ALL : 0;
            valueStarts[i] = -1;
            valueEnds[i] = -1;
        }
        if (kinds.length == 0) {
            return true; // extra parameters of a parameterless op are ignored, as the original does
        }
        if (count < kinds.length - ListOpTable.optional(opcode) || count > kinds.length) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            switch (kinds[i]) {
                case ListOpTable.PAYLOAD, ListOpTable.STORAGE -> {
                    valueStarts[i] = input.position();
                    valueEnds[i] = input.skip();
                    if (kinds[i] == ListOpTable.STORAGE && input.containsSentinel(valueStarts[i], valueEnds[i])) {
                        throw MalformedMsgPackException.INSTANCE;
                    }
                }
                default -> {
                    if (!input.peekIsInteger()) {
                        return false;
                    }
                    integers[i] = input.readLong();
                }
            }
        }
        return true;
    }

    boolean hasValue(int i) {
        return valueStarts[i] >= 0;
    }
}
