package io.terndb.server.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.terndb.server.config.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntaxParserTest {

    private static Entry.Stanza parse(String text) throws ConfigException {
        return SyntaxParser.parse(text, new ParseContext("test.conf"));
    }

    @Test
    void readsSettingsAndNestedStanzasWithTheirLines() throws ConfigException {
        Entry.Stanza file = parse("""
                # comment
                namespace test {   # trailing comment
                	replication-factor 2
                	storage-engine device {
                		file /data/{a}.dat
                	}
                }
                """);

        assertThat(file.entries()).containsExactly(new Entry.Stanza("namespace", List.of("test"), 2, List.of(
                new Entry.Setting("replication-factor", List.of("2"), 3),
                new Entry.Stanza("storage-engine", List.of("device"), 4, List.of(
                        new Entry.Setting("file", List.of("/data/{a}.dat"), 5))))));
    }

    @Test
    void endsSettingsAtBracesOnTheSameLine() throws ConfigException {
        Entry.Stanza file = parse("console { context any info }\n");

        assertThat(file.entries()).containsExactly(new Entry.Stanza("console", List.of(), 1,
                List.of(new Entry.Setting("context", List.of("any", "info"), 1))));
    }

    @Test
    void attachesOpeningBraceOnTheNextLineToTheNameBeforeIt() throws ConfigException {
        Entry.Stanza file = parse("service\n{\n  proto-fd-max 100\n}\n");

        assertThat(file.entries()).containsExactly(new Entry.Stanza("service", List.of(), 1,
                List.of(new Entry.Setting("proto-fd-max", List.of("100"), 3))));
    }

    @Test
    void treatsTabsCarriageReturnsAndFormFeedsAsSpaces() throws ConfigException {
        Entry.Stanza file = parse("a\t1\r\nb\f2\u000B3\r\n");

        assertThat(file.entries()).containsExactly(new Entry.Setting("a", List.of("1"), 1),
                new Entry.Setting("b", List.of("2", "3"), 2));
    }

    @Test
    void readsEmptyAndCommentOnlyTextAsEmptyFile() throws ConfigException {
        assertThat(parse("").entries()).isEmpty();
        assertThat(parse("# nothing\n\n   \n").entries()).isEmpty();
    }
}
