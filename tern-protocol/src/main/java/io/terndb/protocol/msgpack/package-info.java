/**
 * The one MessagePack value model of TernDB (reference §5.5): {@link io.terndb.protocol.msgpack.MsgPackInput}, a
 * cursor that walks values in place over any memory (byte arrays, byte buffers, native memory, all as
 * {@link java.lang.foreign.MemorySegment}) without a Java object per element; {@link
 * io.terndb.protocol.msgpack.MsgPackOutput}, a writer into a reused growable buffer; {@link
 * io.terndb.protocol.msgpack.MsgPackOrder}, the original server's ordering of values (types first, then values);
 * and {@link io.terndb.protocol.msgpack.MsgPackCanonical}, which checks an untrusted value and rewrites it into the
 * stored form. Byte codes and limits are named in {@link io.terndb.protocol.msgpack.MsgPackFormat}.
 *
 * <p>Malformed input (truncated values, counts that lie, nesting deeper than {@link
 * io.terndb.protocol.msgpack.MsgPackFormat#DEPTH_MAX}) raises the preallocated {@link
 * io.terndb.protocol.msgpack.MalformedMsgPackException}, which callers turn into a parameter error at one place.
 */
package io.terndb.protocol.msgpack;
