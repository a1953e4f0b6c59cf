package io.terndb.storage.device;

import static io.terndb.storage.NativeMemory.ALL;

import com.sun.nio.file.ExtendedOpenOption;
import io.terndb.storage.NativeMemory;
import io.terndb.storage.RecordBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One device file (or raw block device): its header, and positional reads and writes from native memory. A new or
 * empty file is formatted; an existing one must carry a header that matches the namespace's configuration.
 *
 * <p>Write-block ranges are written through the page cache or, when the writer asks and the file system allows it,
 * straight to the device with direct I/O ({@code O_DIRECT}; the writer decides which, see {@link DeviceWriter}).
 * Direct writes cover whole {@link #DIRECT_ALIGNMENT} pages, so a range's first and last page may be written again
 * by the next flush; the bytes past the range in its last page are not yet acknowledged, and a cold start stops at
 * the first record that is not whole. The kernel keeps the page cache coherent with direct writes (it writes back
 * and drops cached pages of the range); only the flusher thread writes record ranges, so a buffered and a direct
 * write never overlap in time. Record reads use the page cache unless the namespace sets {@code direct-files}
 * ({@link #readDirect}); the file header and erased block headers always do.
 */
final class DeviceFile implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeviceFile.class);
    /** File offsets, lengths and memory of direct writes are multiples of this (a page; blocks are aligned to it). */
    static final int DIRECT_ALIGNMENT = 4096;

    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort SHORT =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Path path;
    private final FileChannel channel;
    /** The same file opened for direct writes, or null where the file system does not support them. */
    private final FileChannel directChannel;
    /** Set when a direct write failed: the file system opened the file for direct I/O but refuses the writes. */
    private boolean directRefused;
    /** Set when a direct read failed: reads go through the page cache from then on. */
    private volatile boolean directReadsRefused;
    /** Write calls of block ranges so far (flusher thread). */
    private long blockWrites;
    private final int index;
    private final long bytes;
    private final int writeBlockBytes;
    private final int blockCount;
    /** Whether the file had no TernDB header when opened (new, or a fresh device). */
    private final boolean formatted;

    private DeviceFile(Path path, FileChannel channel, FileChannel directChannel, int index, long bytes,
            int writeBlockBytes, boolean formatted) {
        this.path = path;
        this.channel = channel;
        this.directChannel = directChannel;
        this.index = index;
        this.bytes = bytes;
        this.writeBlockBytes = writeBlockBytes;
        this.blockCount = (int) ((bytes - DeviceLayout.FILE_HEADER_BYTES) / writeBlockBytes);
        this.formatted = formatted;
    }

    /**
     * Opens (creating it at {@code fileBytes} if absent) device file {@code index} of {@code fileCount} for
     * {@code namespace}. A raw device ({@code fileBytes} 0) keeps its size.
     */
    static DeviceFile open(Path path, int index, int fileCount, long fileBytes, int writeBlockBytes, String namespace)
            throws IOException {
        return open(path, index, fileCount, fileBytes, writeBlockBytes, namespace, true);
    }

    /**
     * As above; {@code allowDirect} false writes everything through the page cache (the path of file systems without
     * direct I/O).
     */
    static DeviceFile open(Path path, int index, int fileCount, long fileBytes, int writeBlockBytes, String namespace,
            boolean allowDirect) throws IOException {
        boolean exists = Files.exists(path);
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            long size = channel.size();
            long bytes = fileBytes > 0 ? fileBytes : size;
            if (bytes < DeviceLayout.FILE_HEADER_BYTES + writeBlockBytes || bytes > DeviceLayout.FILE_BYTES_MAX) {
                throw new IOException(path + ": size " + bytes + " must hold at least one write block of "
                        + writeBlockBytes + " bytes and at most " + DeviceLayout.FILE_BYTES_MAX);
            }
            byte[] header = new byte[DeviceLayout.FILE_HEADER_BYTES];
            boolean blank = !exists || size < DeviceLayout.FILE_HEADER_BYTES || isZero(read(channel, header));
            if (!blank) {
                checkHeader(path, header, index, fileCount, writeBlockBytes, namespace);
                bytes = MemorySegment.ofArray(header).get(LONG, 16);
            }
            if (size < bytes) {
                channel.write(ByteBuffer.wrap(new byte[1]), bytes - 1); // sparse: only the last byte is written
            }
            FileChannel direct = allowDirect ? openDirect(path) : null;
            DeviceFile file = new DeviceFile(path, channel, direct, index, bytes, writeBlockBytes, blank);
            if (blank) {
                file.writeHeader(fileCount, namespace);
            }
            return file;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** A second channel for direct writes, or null (logged) where the file system refuses them. */
    private static FileChannel openDirect(Path path) {
        try {
            long blockSize = Files.getFileStore(path).getBlockSize();
            if (DIRECT_ALIGNMENT % blockSize != 0) {
                log.info("{}: file system block size {} does not divide {}: I/O goes through the page cache", path,
                        blockSize, DIRECT_ALIGNMENT);
                return null;
            }
            return FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);
        } catch (IOException | UnsupportedOperationException e) {
            log.info("{}: direct I/O not supported here ({}): I/O goes through the page cache", path, e.toString());
            return null;
        }
    }

    private static byte[] read(FileChannel channel, byte[] into) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(into);
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
            // keep reading until the header is full or the file ends
        }
        return into;
    }

    private static boolean isZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static void checkHeader(Path path, byte[] header, int index, int fileCount, int writeBlockBytes,
            String namespace) throws IOException {
        MemorySegment segment = MemorySegment.ofArray(header);
        if (segment.get(LONG, 0) != DeviceLayout.FILE_MAGIC) {
            throw new IOException(path + ": not a TernDB device file (bad magic); refusing to overwrite it");
        }
        CRC32C crc = new CRC32C();
        crc.update(header, 0, DeviceLayout.FILE_HEADER_CRC_OFFSET);
        if ((int) crc.getValue() != segment.get(INT, DeviceLayout.FILE_HEADER_CRC_OFFSET)) {
            throw new IOException(path + ": device header checksum mismatch at offset 0");
        }
        int format = segment.get(INT, 8);
        int storedBlockBytes = segment.get(INT, 12);
        int storedIndex = Short.toUnsignedInt(segment.get(SHORT, 24));
        int storedCount = Short.toUnsignedInt(segment.get(SHORT, 26));
        String storedNamespace = new String(header, 29, header[28], StandardCharsets.UTF_8);
        if (format != DeviceLayout.FORMAT || storedBlockBytes != writeBlockBytes || storedIndex != index
                || storedCount != fileCount || !storedNamespace.equals(namespace)) {
            throw new IOException(path + ": written for namespace " + storedNamespace + " as file " + storedIndex
                    + " of " + storedCount + " with " + storedBlockBytes + "-byte blocks (format " + format
                    + "); configured: " + namespace + ", file " + index + " of " + fileCount + ", " + writeBlockBytes
                    + "-byte blocks (format " + DeviceLayout.FORMAT + ")");
        }
    }

    private void writeHeader(int fileCount, String namespace) throws IOException {
        byte[] header = new byte[DeviceLayout.FILE_HEADER_BYTES];
        MemorySegment segment = MemorySegment.ofArray(header);
        byte[] name = namespace.getBytes(StandardCharsets.UTF_8);
        segment.set(LONG, 0, DeviceLayout.FILE_MAGIC);
        segment.set(INT, 8, DeviceLayout.FORMAT);
        segment.set(INT, 12, writeBlockBytes);
        segment.set(LONG, 16, bytes);
        segment.set(SHORT, 24, (short) index);
        segment.set(SHORT, 26, (short) fileCount);
        header[28] = (byte) name.length;
        System.arraycopy(name, 0, header, 29, name.length);
        CRC32C crc = new CRC32C();
        crc.update(header, 0, DeviceLayout.FILE_HEADER_CRC_OFFSET);
        segment.set(INT, DeviceLayout.FILE_HEADER_CRC_OFFSET, (int) crc.getValue());
        ByteBuffer buffer = ByteBuffer.wrap(header);
        while (buffer.hasRemaining()) {
            channel.write(buffer, buffer.position());
        }
        channel.force(true);
    }

    /**
     * Writes bytes {@code [from, to)} of the write block held in memory at {@code blockAddress} (aligned to
     * {@link #DIRECT_ALIGNMENT}, {@code writeBlockBytes} long) to block {@code block}: directly, widened to whole
     * pages, if {@code direct} and the file allows direct writes; else exactly, through the page cache.
     */
    void writeBlockRange(long blockAddress, int from, int to, int block, boolean direct) {
        long blockPosition = DeviceLayout.blockOffset(block, writeBlockBytes);
        blockWrites++;
        if (direct && direct()) {
            int start = from & -DIRECT_ALIGNMENT;
            int end = Math.min(writeBlockBytes, wholePages(to));
            try {
                writeFully(directChannel, blockAddress + start, end - start, blockPosition + start);
                return;
            } catch (IOException e) {
                // E.g. a device whose sectors are larger than a page. A real device error fails the buffered write too.
                directRefused = true;
                log.warn("{}: a direct write failed ({}); writes go through the page cache from now on", path,
                        e.toString());
            }
        }
        write(channel, blockAddress + from, to - from, blockPosition + from);
    }

    long blockWrites() {
        return blockWrites;
    }

    /** Whether direct writes are possible: the file system allows them and none has failed. */
    boolean direct() {
        return directChannel != null && !directRefused;
    }

    private void write(FileChannel target, long address, int length, long position) {
        try {
            writeFully(target, address, length, position);
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": write of " + length + " bytes at " + position + " failed", e);
        }
    }

    private static void writeFully(FileChannel target, long address, int length, long position) throws IOException {
        ByteBuffer buffer = ALL.asSlice(address, length).asByteBuffer();
        while (buffer.hasRemaining()) {
            target.write(buffer, position + buffer.position());
        }
    }

    /** Reads {@code length} bytes at file offset {@code position} into native memory; returns the bytes read. */
    int read(long address, int length, long position) {
        try {
            return readFully(channel, address, length, position);
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": read of " + length + " bytes at " + position + " failed", e);
        }
    }

    /** Reads until {@code length} bytes are in or the file ends; returns the bytes read. */
    private static int readFully(FileChannel source, long address, int length, long position) throws IOException {
        ByteBuffer buffer = ALL.asSlice(address, length).asByteBuffer();
        while (buffer.hasRemaining() && source.read(buffer, position + buffer.position()) >= 0) {
            // a read may return fewer bytes than asked
        }
        return buffer.position();
    }

    /** {@code bytes} rounded up to whole {@link #DIRECT_ALIGNMENT} pages. */
    private static int wholePages(int bytes) {
        return (bytes + DIRECT_ALIGNMENT - 1) & -DIRECT_ALIGNMENT;
    }

    /**
     * Reads {@code padded} bytes at file offset {@code position} with direct I/O where the file allows it: reads the
     * whole pages around them into {@code buffer} and returns where in it the bytes start; else reads them through
     * the page cache to the start of the buffer and returns that.
     */
    long readDirect(RecordBuffer buffer, int padded, long position) {
        if (directChannel != null && !directReadsRefused) {
            long start = position & -DIRECT_ALIGNMENT;
            int lead = (int) (position - start);
            int span = wholePages(lead + padded);
            long base = buffer.ensure(span);
            try {
                if (readFully(directChannel, base, span, start) == span) {
                    return base + lead;
                }
            } catch (IOException e) {
                directReadsRefused = true;
                log.warn("{}: a direct read failed ({}); reads go through the page cache from now on", path,
                        e.toString());
            }
        }
        long record = buffer.ensure(padded);
        read(record, padded, position);
        return record;
    }

    /** Makes written data durable (fdatasync). */
    void force() {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": fsync failed", e);
        }
    }

    /** Zeroes a free block's header on the device (through the page cache), so a cold start sees the block as free. */
    void eraseBlockHeader(int block, long scratch) {
        NativeMemory.fill(scratch, DeviceLayout.BLOCK_HEADER_BYTES, (byte) 0);
        write(channel, scratch, DeviceLayout.BLOCK_HEADER_BYTES, DeviceLayout.blockOffset(block, writeBlockBytes));
    }

    Path path() {
        return path;
    }

    int index() {
        return index;
    }

    long bytes() {
        return bytes;
    }

    int blockCount() {
        return blockCount;
    }

    int writeBlockBytes() {
        return writeBlockBytes;
    }

    boolean formatted() {
        return formatted;
    }

    @Override
    public void close() throws IOException {
        try (channel) {
            if (directChannel != null) {
                directChannel.close();
            }
        }
    }
}
