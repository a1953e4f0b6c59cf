package io.terndb.it.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.terndb.client.TernClient;
import io.terndb.protocol.ResultCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the client guide's examples against a real server, and checks the guide quotes them as they are. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientGuideExamplesTest {

    @RegisterExtension
    static final TernClientExtension SERVER = new TernClientExtension();

    private static final Path EXAMPLES = Path.of("src/test/java/io/terndb/it/client/ClientGuideExamples.java");
    private static final Path GUIDE = Path.of("../docs/client-guide.md");
    private static TernClient client;

    @BeforeAll
    static void connect() {
        client = ClientGuideExamples.connect(SERVER.server().port());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    @Order(1)
    void examplesRunInTheGuidesOrder() {
        ClientGuideExamples.putAndGet(client);
        ClientGuideExamples.operate(client);
        ClientGuideExamples.policies(client);
        assertThat(ClientGuideExamples.async(client)).isEqualTo(30);
        assertThat(ClientGuideExamples.batch(client)).hasSize(2);
        assertThat(ClientGuideExamples.scan(client)).isEqualTo(1_000);
        assertThat(ClientGuideExamples.errors(client)).isEqualTo(ResultCode.KEY_EXISTS);
        assertThat(ClientGuideExamples.infoAndMetrics(client)).containsEntry("namespaces", "test");
    }

    @Test
    @Order(2)
    void guideQuotesEveryExampleWordForWord() throws IOException {
        String source = Files.readString(EXAMPLES);
        String guide = Files.readString(GUIDE);
        Matcher region = Pattern.compile("// tag::([\\w-]+)\\[]\\n(.*?)\\n\\s*// end::\\1\\[]", Pattern.DOTALL)
                .matcher(source);
        int regions = 0;
        while (region.find()) {
            regions++;
            String body = region.group(2).stripIndent();
            assertThat(guide).as("guide quotes region %s", region.group(1)).contains(body);
        }
        assertThat(regions).isEqualTo(9);
    }
}
