/**
 * Maps read in place: {@link io.terndb.server.cdt.map.PackedMap} finds entries by key, by index (key order), by
 * rank (value order) and by value, which nested contexts need. Map operations (reference §5.6, opcodes 64-127)
 * are not implemented yet; they build on this class the way {@code ListOperations} builds on {@code PackedList}.
 */
package io.terndb.server.cdt.map;
