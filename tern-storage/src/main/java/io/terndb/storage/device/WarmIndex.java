package io.terndb.storage.device;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The clean-shutdown marker of a memory-mapped index: written after the last flush of a clean shutdown, deleted at
 * start before anything changes, so its presence means the mapped index and the devices agree. It carries what the
 * mapped entries alone do not: the arena's bookkeeping, the set names (entries hold set ids), the device write
 * sequence, and a fingerprint of the device configuration.
 *
 * <pre>
 *  u64 magic "TERNIDX1" | u32 format | u32 fingerprint | u32 stages | u32 high water | u32 free head | u64 in use
 *  | u64 device sequence | u16 set count | set names (u16 length + UTF-8) | u32 crc32c of everything before
 * </pre>
 */
final class WarmIndex {

    static final String FILE_NAME = "index.meta";
    private static final long MAGIC = 0x3158444E_4E524554L; // "TERNIDX1" little-endian as a long
    private static final int FORMAT = 1;

    record Marker(int fingerprint, int stages, int highWater, int freeHead, long inUse, long deviceSequence,
            List<String> setNames) {
    }

    private WarmIndex() {
    }

    /** A fingerprint of what the index describes: the device paths, sizes and block size. */
    static int fingerprint(DeviceSettings settings) {
        CRC32C crc = new CRC32C();
        for (Path file : settings.files()) {
            crc.update(file.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8));
        }
        crc.update(ByteBuffer.allocate(16).putLong(settings.fileBytes()).putInt(settings.writeBlockBytes()).flip());
        return (int) crc.getValue();
    }

    /** Reads and deletes the marker; {@code null} if there was none or it does not check out. */
    static Marker take(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return null;
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            Files.delete(file);
            return parse(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }

    private static Marker parse(byte[] bytes) throws IOException {
        if (bytes.length < 4) {
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        if ((int) crc.getValue() != ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt()) {
            return null;
        }
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes));
        if (in.readLong() != MAGIC || in.readInt() != FORMAT) {
            return null;
        }
        int fingerprint = in.readInt();
        int stages = in.readInt();
        int highWater = in.readInt();
        int freeHead = in.readInt();
        long inUse = in.readLong();
        long sequence = in.readLong();
        int sets = in.readUnsignedShort();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < sets; i++) {
            names.add(in.readUTF());
        }
        return new Marker(fingerprint, stages, highWater, freeHead, inUse, sequence, names);
    }

    /** Writes the marker; call only after every write is flushed and nothing will change the index again. */
    static void write(Path directory, Marker marker) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeLong(MAGIC);
            out.writeInt(FORMAT);
            out.writeInt(marker.fingerprint());
            out.writeInt(marker.stages());
            out.writeInt(marker.highWater());
            out.writeInt(marker.freeHead());
            out.writeLong(marker.inUse());
            out.writeLong(marker.deviceSequence());
            out.writeShort(marker.setNames().size());
            for (String name : marker.setNames()) {
                out.writeUTF(name);
            }
            CRC32C crc = new CRC32C();
            crc.update(bytes.toByteArray());
            out.writeInt((int) crc.getValue());
            Path temporary = directory.resolve(FILE_NAME + ".new");
            Files.write(temporary, bytes.toByteArray());
            Files.move(temporary, directory.resolve(FILE_NAME), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + directory.resolve(FILE_NAME), e);
        }
    }
}
