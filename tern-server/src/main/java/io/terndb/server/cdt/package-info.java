/**
 * List and map (CDT) operations on bins holding MessagePack (reference §5.6), with nested contexts.
 *
 * <p>{@link io.terndb.server.cdt.CdtOperations} is the one entry point: it parses an op's program, digs through
 * its context ({@link io.terndb.server.cdt.CdtContext}), runs the list operation ({@link
 * io.terndb.server.cdt.ListOperations}) on the element it reached, and rebuilds the enclosing containers around
 * the changed element. Values are read in place through {@link io.terndb.protocol.msgpack.MsgPackInput} and
 * written into per-thread buffers ({@link io.terndb.server.cdt.CdtScratch}); no Java object is made per element.
 * The map side ({@link io.terndb.server.cdt.map}) so far only finds entries, which contexts need; map operations
 * plug in beside {@code ListOperations} (docs/design/datamodel.md).
 */
package io.terndb.server.cdt;
