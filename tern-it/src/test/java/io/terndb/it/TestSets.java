package io.terndb.it;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.TestInfo;

/** Set names unique per test method, so tests sharing a server never see each other's records. */
final class TestSets {

    /** The original limits set names to 63 bytes. */
    private static final int SET_NAME_BYTES_MAX = 63;

    private TestSets() {
    }

    /** The test method's name, cut to the set name limit. */
    static String of(TestInfo info) {
        String name = info.getTestMethod().map(method -> method.getName()).orElse(info.getDisplayName());
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        return bytes.length <= SET_NAME_BYTES_MAX ? name : name.substring(0, SET_NAME_BYTES_MAX);
    }
}
