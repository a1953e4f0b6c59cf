package io.terndb.storage.device;

import java.nio.file.Path;
import java.util.List;

/**
 * What the device engine needs from a namespace's {@code storage-engine device} stanza.
 *
 * @param files               device files or raw devices, striped by digest
 * @param fileBytes           {@code filesize} for files; 0 = keep each device's own size
 * @param writeBlockBytes     {@code write-block-size} (8 MiB default)
 * @param flushBytes          {@code flush-size}: the largest single write of a flush (a power of two from 4 KiB to
 *                            the write block); a flush round's range is cut at multiples of it
 * @param flushMaxMs          {@code flush-max-ms}: the longest a written record waits before it reaches the file
 * @param commitToDevice      {@code commit-to-device}: fsync before acknowledging
 * @param directReads         {@code direct-files}: reads of records bypass the page cache (direct I/O, where the
 *                            file system allows it)
 * @param defragLwmPct        blocks with less live data than this share are defragmented
 * @param stopWritesUsedPct   writes are refused once live data passes this share of the devices
 * @param postWriteCacheBytes recent blocks kept in memory for reads
 * @param indexDirectory      where the index lives in memory-mapped files for warm restarts (on tmpfs, it survives
 *                            the process but not the machine); {@code null} keeps the index in process memory, so
 *                            every start is a cold start
 */
public record DeviceSettings(List<Path> files, long fileBytes, int writeBlockBytes, int flushBytes, long flushMaxMs,
        boolean commitToDevice, boolean directReads, int defragLwmPct, int stopWritesUsedPct,
        long postWriteCacheBytes, Path indexDirectory) {

    public DeviceSettings {
        files = List.copyOf(files);
        if (files.isEmpty() || files.size() > DeviceLayout.FILES_MAX) {
            throw new IllegalArgumentException("files=" + files.size() + " (1.." + DeviceLayout.FILES_MAX + ")");
        }
        if (Integer.bitCount(writeBlockBytes) != 1 || writeBlockBytes < 1 << 20) {
            throw new IllegalArgumentException("writeBlockBytes=" + writeBlockBytes + " (a power of two >= 1 MiB)");
        }
        if (Integer.bitCount(flushBytes) != 1 || flushBytes < 4096 || flushBytes > writeBlockBytes) {
            throw new IllegalArgumentException("flushBytes=" + flushBytes + " (a power of two, 4 KiB to the block)");
        }
    }
}
