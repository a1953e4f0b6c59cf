package io.terndb.client.internal.command;

import io.terndb.client.CommitLevel;
import io.terndb.client.WritePolicy;
import io.terndb.protocol.MessageFlags;

/** Maps a write policy to AS_MSG header flags (reference §3.3, "Mapping of Java policies to flags"). */
final class WriteFlags {

    private WriteFlags() {
    }

    static int info2(WritePolicy policy) {
        int info2 = MessageFlags.INFO2_WRITE;
        info2 |= switch (policy.generationPolicy()) {
            case NONE -> 0;
            case EXPECT_EQUAL -> MessageFlags.INFO2_GENERATION;
            case EXPECT_GREATER -> MessageFlags.INFO2_GENERATION_GT;
        };
        if (policy.recordExistsAction() == io.terndb.client.RecordExistsAction.CREATE_ONLY) {
            info2 |= MessageFlags.INFO2_CREATE_ONLY;
        }
        return info2;
    }

    static int info3(WritePolicy policy) {
        int info3 = switch (policy.recordExistsAction()) {
            case UPDATE, CREATE_ONLY -> 0;
            case UPDATE_ONLY -> MessageFlags.INFO3_UPDATE_ONLY;
            case REPLACE -> MessageFlags.INFO3_CREATE_OR_REPLACE;
            case REPLACE_ONLY -> MessageFlags.INFO3_REPLACE_ONLY;
        };
        return policy.commitLevel() == CommitLevel.MASTER ? info3 | MessageFlags.INFO3_COMMIT_MASTER : info3;
    }

    static int generation(WritePolicy policy) {
        return policy.generationPolicy() == io.terndb.client.GenerationPolicy.NONE ? 0 : policy.generation();
    }
}
