/**
 * Wire formats the client writes and reads: AS_MSG requests (byte-identical to the original client's with default
 * policies), reply records, info text, RIPEMD-160 digests, MessagePack list and map values. No I/O.
 *
 * <p>{@code MessagePackReader}/{@code MessagePackWriter} convert between msgpack and Java objects, which is what an
 * application API needs; the server's model ({@code io.terndb.protocol.msgpack}) walks values in place instead.
 * They are kept apart for now: the client's reader could be rebuilt on {@code MsgPackInput} (same checks, one
 * place for the limits) once the client grows list and map operations, which is when both must agree on
 * encodings and order; swapping today would change tested code for no behaviour.
 */
package io.terndb.client.internal.codec;
