package io.terndb.server.cdt;

import static io.terndb.server.cdt.CdtCodes.*;

/**
 * The parameters each list opcode takes, as the original's op table: their kinds in order, and how many of the
 * trailing ones may be left out. An opcode with no parameters ignores whatever follows it (as the original).
 */
final class ListOpTable {

    /** A signed index or rank. */
    static final byte INDEX = 1;
    /** An unsigned count (a negative one reads as huge). */
    static final byte COUNT = 2;
    /** Any value, sentinels allowed (a bound, a value to look for). */
    static final byte PAYLOAD = 3;
    /** Flags or a return type, read as a 64-bit word. */
    static final byte FLAGS = 4;
    /** A value to store: no sentinels. */
    static final byte STORAGE = 5;

    static final int PARAMETERS_MAX = 4;
    private static final int OPCODES = LIST_REMOVE_BY_VALUE_REL_RANK_RANGE + 1;
    private static final byte[][] KINDS = new byte[OPCODES][];
    private static final int[] OPTIONAL = new int[OPCODES];

    static {
        entry(LIST_SET_TYPE, 0, FLAGS);
        entry(LIST_APPEND, 2, STORAGE, FLAGS, FLAGS);
        entry(LIST_APPEND_ITEMS, 2, STORAGE, FLAGS, FLAGS);
        entry(LIST_INSERT, 1, INDEX, STORAGE, FLAGS);
        entry(LIST_INSERT_ITEMS, 1, INDEX, STORAGE, FLAGS);
        entry(LIST_POP, 0, INDEX);
        entry(LIST_POP_RANGE, 1, INDEX, COUNT);
        entry(LIST_REMOVE, 0, INDEX);
        entry(LIST_REMOVE_RANGE, 1, INDEX, COUNT);
        entry(LIST_SET, 1, INDEX, STORAGE, FLAGS);
        entry(LIST_TRIM, 0, INDEX, COUNT);
        entry(LIST_CLEAR, 0);
        entry(LIST_INCREMENT, 3, INDEX, PAYLOAD, FLAGS, FLAGS);
        entry(LIST_SORT, 1, FLAGS);
        entry(LIST_SIZE, 0);
        entry(LIST_GET, 0, INDEX);
        entry(LIST_GET_RANGE, 1, INDEX, COUNT);
        for (int base = LIST_GET_BY_INDEX; base <= LIST_REMOVE_BY_INDEX; base += REMOVE_OFFSET) {
            entry(base, 0, FLAGS, INDEX);
            entry(base + 1, 0, FLAGS, PAYLOAD);
            entry(base + 2, 0, FLAGS, INDEX);
            entry(base + 3, 0, FLAGS, PAYLOAD);
            entry(base + 4, 0, FLAGS, PAYLOAD);
            entry(base + 5, 1, FLAGS, INDEX, COUNT);
            entry(base + 6, 1, FLAGS, PAYLOAD, PAYLOAD);
            entry(base + 7, 1, FLAGS, INDEX, COUNT);
            entry(base + 8, 1, FLAGS, PAYLOAD, INDEX, COUNT);
        }
    }

    private ListOpTable() {
    }

    private static void entry(int opcode, int optional, byte... kinds) {
        KINDS[opcode] = kinds;
        OPTIONAL[opcode] = optional;
    }

    /** The parameter kinds of {@code opcode}, or null for an opcode lists do not have. */
    static byte[] kinds(long opcode) {
        return opcode >= 0 && opcode < OPCODES ? KINDS[(int) opcode] : null;
    }

    static int optional(int opcode) {
        return OPTIONAL[opcode];
    }

    static boolean isRead(int opcode) {
        return opcode >= LIST_SIZE && opcode <= LIST_GET_BY_VALUE_REL_RANK_RANGE;
    }
}
