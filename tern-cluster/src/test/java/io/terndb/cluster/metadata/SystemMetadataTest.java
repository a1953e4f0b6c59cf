package io.terndb.cluster.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A change's delivery: complete once every member applied it, or left; never before. */
class SystemMetadataTest {

    @Test
    void aChangeIsDeliveredOnceEveryMemberAcknowledgedIt() {
        SystemMetadata metadata = new SystemMetadata();
        SystemMetadata.Change change = metadata.set("truncate", "test/a", "100", 100, new long[] {2, 3});

        assertThat(metadata.get("truncate", "test/a")).isEqualTo(change.entry());
        assertThat(change.delivered()).isNotDone();
        List<SystemMetadata.Pending> due = metadata.due(100, 50);
        assertThat(due).hasSize(1);
        long id = due.getFirst().id();

        metadata.acknowledged(2, id);
        assertThat(change.delivered()).isNotDone();
        metadata.acknowledged(2, id); // a duplicate changes nothing
        assertThat(change.delivered()).isNotDone();
        metadata.acknowledged(3, id);
        assertThat(change.delivered()).isCompleted();
        assertThat(metadata.due(1_000, 50)).isEmpty();
    }

    @Test
    void aChangeWithNoOtherMemberIsDeliveredAtOnce() {
        SystemMetadata metadata = new SystemMetadata();

        assertThat(metadata.set("truncate", "test", "7", 7, new long[0]).delivered()).isCompleted();
        assertThat(metadata.due(7, 50)).isEmpty();
    }

    @Test
    void aMemberThatLeavesNoLongerHoldsTheChangeBack() {
        SystemMetadata metadata = new SystemMetadata();
        SystemMetadata.Change change = metadata.set("truncate", "test/a", "100", 100, new long[] {2, 3});
        long id = metadata.due(100, 50).getFirst().id();
        metadata.acknowledged(2, id);

        metadata.retain(new long[] {1, 2, 4});

        assertThat(change.delivered()).isCompleted();
    }

    @Test
    void anAcknowledgementOfAnotherChangeDoesNotDeliverThisOne() {
        SystemMetadata metadata = new SystemMetadata();
        SystemMetadata.Change first = metadata.set("truncate", "test/a", "1", 1, new long[] {2});
        SystemMetadata.Change second = metadata.set("truncate", "test/b", "2", 2, new long[] {2});
        List<SystemMetadata.Pending> due = metadata.due(2, 50);
        long secondId = due.stream().filter(pending -> pending.entries().getFirst().key().equals("test/b"))
                .findFirst().orElseThrow().id();

        metadata.acknowledged(2, secondId);

        assertThat(second.delivered()).isCompleted();
        assertThat(first.delivered()).isNotDone();
    }
}
