/**
 * Wire formats the client writes and reads: AS_MSG requests (byte-identical to the original client's with default
 * policies), reply records, info text, RIPEMD-160 digests, MessagePack list and map values. No I/O.
 */
package io.terndb.client.internal.codec;
