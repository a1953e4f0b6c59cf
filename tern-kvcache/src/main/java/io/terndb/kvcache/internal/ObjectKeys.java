package io.terndb.kvcache.internal;

import io.terndb.client.Key;
import java.util.ArrayList;
import java.util.List;

/** Client keys of an object's records in one namespace and set. */
public record ObjectKeys(String namespace, String setName) {

    public Key meta(String objectKey) {
        return new Key(namespace, setName, ObjectLayout.metaKey(objectKey));
    }

    public Key segment(String objectKey, String writeId, int index) {
        return new Key(namespace, setName, ObjectLayout.segmentKey(objectKey, writeId, index));
    }

    public List<Key> segments(String objectKey, String writeId, int segmentCount) {
        List<Key> keys = new ArrayList<>(segmentCount);
        for (int index = 0; index < segmentCount; index++) {
            keys.add(segment(objectKey, writeId, index));
        }
        return keys;
    }
}
