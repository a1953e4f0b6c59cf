/**
 * The device engine: records in log-structured files or raw block devices. {@link
 * io.terndb.storage.device.DeviceNamespaceStore} is the engine; {@code DeviceWriter} appends records into in-memory
 * write blocks and its flusher writes them with group commit; {@code DeviceFile} does the positional and direct I/O;
 * {@code BlockTable} and {@code Defragmenter} bring space back; {@code ColdStart} and {@code WarmIndex} start a
 * node; {@code DeviceLayout} and {@code DeviceRecords} are the on-device format. The design, with the byte
 * grammars: docs/design/device-storage.md.
 */
package io.terndb.storage.device;
