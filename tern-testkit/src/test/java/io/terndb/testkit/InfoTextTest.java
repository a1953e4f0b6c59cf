package io.terndb.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InfoTextTest {

    @Test
    void requestEndsEveryCommandWithNewline() {
        assertThat(new String(InfoText.requestBody("node", "status"), StandardCharsets.UTF_8))
                .isEqualTo("node\nstatus\n");
    }

    @Test
    void replyIsSplitIntoCommandsAndValuesInOrder() {
        byte[] body = "status\tok\nnamespace/test\tobjects=1;a=b\nbare\n".getBytes(StandardCharsets.UTF_8);

        assertThat(InfoText.parseReply(body)).containsExactly(
                org.assertj.core.api.Assertions.entry("status", "ok"),
                org.assertj.core.api.Assertions.entry("namespace/test", "objects=1;a=b"),
                org.assertj.core.api.Assertions.entry("bare", ""));
    }
}
