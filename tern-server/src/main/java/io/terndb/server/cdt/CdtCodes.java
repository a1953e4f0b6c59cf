package io.terndb.server.cdt;

/**
 * Codes inside CDT programs (reference §5.6): list opcodes, return types and their flag, list write and sort
 * flags, context types and their create flags. Values are the original server's.
 */
public final class CdtCodes {

    // List opcodes: modify (op type CDT_MODIFY).
    public static final int LIST_SET_TYPE = 0;
    public static final int LIST_APPEND = 1;
    public static final int LIST_APPEND_ITEMS = 2;
    public static final int LIST_INSERT = 3;
    public static final int LIST_INSERT_ITEMS = 4;
    public static final int LIST_POP = 5;
    public static final int LIST_POP_RANGE = 6;
    public static final int LIST_REMOVE = 7;
    public static final int LIST_REMOVE_RANGE = 8;
    public static final int LIST_SET = 9;
    public static final int LIST_TRIM = 10;
    public static final int LIST_CLEAR = 11;
    public static final int LIST_INCREMENT = 12;
    public static final int LIST_SORT = 13;
    // List opcodes: read (op type CDT_READ).
    public static final int LIST_SIZE = 16;
    public static final int LIST_GET = 17;
    public static final int LIST_GET_RANGE = 18;
    public static final int LIST_GET_BY_INDEX = 19;
    public static final int LIST_GET_BY_VALUE = 20;
    public static final int LIST_GET_BY_RANK = 21;
    public static final int LIST_GET_ALL_BY_VALUE = 22;
    public static final int LIST_GET_ALL_BY_VALUE_LIST = 23;
    public static final int LIST_GET_BY_INDEX_RANGE = 24;
    public static final int LIST_GET_BY_VALUE_INTERVAL = 25;
    public static final int LIST_GET_BY_RANK_RANGE = 26;
    public static final int LIST_GET_BY_VALUE_REL_RANK_RANGE = 27;
    // List opcodes: remove (modify); each is its get twin + 13.
    public static final int LIST_REMOVE_BY_INDEX = 32;
    public static final int LIST_REMOVE_BY_VALUE = 33;
    public static final int LIST_REMOVE_BY_RANK = 34;
    public static final int LIST_REMOVE_ALL_BY_VALUE = 35;
    public static final int LIST_REMOVE_ALL_BY_VALUE_LIST = 36;
    public static final int LIST_REMOVE_BY_INDEX_RANGE = 37;
    public static final int LIST_REMOVE_BY_VALUE_INTERVAL = 38;
    public static final int LIST_REMOVE_BY_RANK_RANGE = 39;
    public static final int LIST_REMOVE_BY_VALUE_REL_RANK_RANGE = 40;
    /** The distance from a get-by opcode to its remove-by twin. */
    public static final int REMOVE_OFFSET = LIST_REMOVE_BY_INDEX - LIST_GET_BY_INDEX;
    /** Map opcodes are 64..127. */
    public static final int MAP_FIRST = 64;
    public static final int MAP_LAST = 127;
    /** {@code [0xff, context, [opcode, ...]]}: an op on a nested element. */
    public static final int CONTEXT_EVAL = 0xFF;

    // Return types (the low 16 bits of the rt argument) and the inverted flag above them.
    public static final int RETURN_NONE = 0;
    public static final int RETURN_INDEX = 1;
    public static final int RETURN_REVERSE_INDEX = 2;
    public static final int RETURN_RANK = 3;
    public static final int RETURN_REVERSE_RANK = 4;
    public static final int RETURN_COUNT = 5;
    public static final int RETURN_KEY = 6;
    public static final int RETURN_VALUE = 7;
    public static final int RETURN_KEY_VALUE = 8;
    public static final int RETURN_INDEX_RANGE = 9;
    public static final int RETURN_REVERSE_INDEX_RANGE = 10;
    public static final int RETURN_RANK_RANGE = 11;
    public static final int RETURN_REVERSE_RANK_RANGE = 12;
    public static final int RETURN_EXISTS = 13;
    public static final int RETURN_UNORDERED_MAP = 16;
    public static final int RETURN_ORDERED_MAP = 17;
    public static final long RETURN_TYPE_MASK = 0xFFFF;
    public static final long RETURN_INVERTED = 0x10000;

    // List write flags.
    public static final int WRITE_ADD_UNIQUE = 0x01;
    public static final int WRITE_INSERT_BOUNDED = 0x02;
    public static final int WRITE_NO_FAIL = 0x04;
    public static final int WRITE_PARTIAL = 0x08;

    // Sort flags.
    public static final int SORT_DESCENDING = 0x01;
    public static final int SORT_DROP_DUPLICATES = 0x02;

    // Context types: base (low 4 bits), container kind, create flags.
    public static final int CONTEXT_BY_INDEX = 0;
    public static final int CONTEXT_BY_RANK = 1;
    public static final int CONTEXT_BY_KEY = 2;
    public static final int CONTEXT_BY_VALUE = 3;
    public static final int CONTEXT_BASE_MASK = 0x0F;
    public static final int CONTEXT_LIST = 0x10;
    public static final int CONTEXT_MAP = 0x20;
    public static final int CONTEXT_TYPE_MASK = 0x3F;
    public static final int CONTEXT_CREATE_MASK = 0x1C0;
    public static final int CONTEXT_CREATE_UNORDERED = 0x40;
    /** For lists: unordered, and an index past the end pads with nils. For maps: key-ordered. */
    public static final int CONTEXT_CREATE_UNBOUNDED_OR_KEY_ORDERED = 0x80;
    /** For lists: ordered. For maps: key-value-ordered. */
    public static final int CONTEXT_CREATE_ORDERED = 0xC0;
    public static final int CONTEXT_CREATE_PERSIST_INDEX = 0x100;

    /** The largest item list a value-list op takes, as the original. */
    public static final int PARAMETER_LIST_COUNT_MAX = 1024 * 1024;

    private CdtCodes() {
    }

    public static boolean isListOpcode(long opcode) {
        return opcode >= 0 && opcode < MAP_FIRST;
    }

    public static boolean isMapOpcode(long opcode) {
        return opcode >= MAP_FIRST && opcode <= MAP_LAST;
    }
}
