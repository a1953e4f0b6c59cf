package io.terndb.server.info;

import io.terndb.protocol.PartitionId;
import io.terndb.storage.NamespaceStore;
import io.terndb.storage.RecordBuffer;
import io.terndb.storage.index.PartitionIndex;
import io.terndb.storage.record.RecordLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The distinct bin names of a namespace, for the {@code bins} info command. The original kept a name table; TernDB
 * keeps none on the write path and walks the records when asked (one partition lock at a time), which costs the
 * rare caller, not every write.
 */
final class BinNames {

    static final int QUOTA = 65_535;

    private BinNames() {
    }

    static List<String> collect(NamespaceStore store) {
        try (RecordBuffer buffer = new RecordBuffer()) {
            return collect(store, buffer);
        }
    }

    private static List<String> collect(NamespaceStore store, RecordBuffer buffer) {
        Set<String> names = new LinkedHashSet<>();
        byte[] name = new byte[256];
        for (int partitionId = 0; partitionId < PartitionId.COUNT && names.size() < QUOTA; partitionId++) {
            PartitionIndex partition = store.partition(partitionId);
            partition.lock().lock();
            try {
                for (int slot = 0; slot < partition.capacity(); slot++) {
                    long entry = partition.entryAt(slot);
                    long record = entry == 0 || PartitionIndex.tombstone(entry) ? 0 : store.open(entry, buffer);
                    if (record == 0) {
                        continue;
                    }
                    long bin = RecordLayout.firstBin(record);
                    for (int i = RecordLayout.binCount(record); i > 0; i--, bin = RecordLayout.nextBin(bin)) {
                        int length = RecordLayout.nameBytes(bin);
                        io.terndb.storage.NativeMemory.copyToArray(RecordLayout.name(bin), name, 0, length);
                        names.add(new String(name, 0, length, StandardCharsets.UTF_8));
                    }
                }
            } finally {
                partition.lock().unlock();
            }
        }
        return new ArrayList<>(names);
    }
}
