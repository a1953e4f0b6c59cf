package io.terndb.server.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.terndb.server.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the text, reading it either succeeds or fails with a {@link ConfigException} naming a line of the text:
 * never a NullPointerException, an IndexOutOfBoundsException or any other surprise. jqwik prints the failing input
 * and its seed; mutations are driven by a seed parameter so that the printed sample reproduces the file.
 */
class ConfigGarbageProperties {

    private static final String SHIPPED = resource("/config/aerospike.conf");
    private static final List<String> VOCABULARY = vocabulary();

    @Property
    void randomTextOnlyEverFailsWithConfigException(@ForAll String text) {
        readExpectingOnlyConfigException(text);
    }

    @Property
    void randomTokensOfTheGrammarOnlyEverFailWithConfigException(@ForAll("tokenSoup") String text) {
        readExpectingOnlyConfigException(text);
    }

    @Property(tries = 2000)
    void mutatedShippedFileOnlyEverFailsWithConfigException(@ForAll long seed) {
        readExpectingOnlyConfigException(mutate(SHIPPED, new Random(seed)));
    }

    @Provide
    Arbitrary<String> tokenSoup() {
        Arbitrary<String> token = Arbitraries.oneOf(Arbitraries.of(VOCABULARY), Arbitraries.strings().ofMaxLength(6));
        return token.list().ofMaxSize(80).map(tokens -> String.join(" ", tokens));
    }

    private static void readExpectingOnlyConfigException(String text) {
        try {
            ConfigReader.Result result = ConfigReader.read(text, "garbage.conf", null);
            assertThat(result.config().namespaces()).isNotEmpty();
        } catch (ConfigException e) {
            long lines = text.chars().filter(c -> c == '\n').count() + 1;
            assertThat(e.line()).isBetween(1, (int) Math.max(1, lines));
            assertThat(e.getMessage()).startsWith("garbage.conf:" + e.line() + ": ");
            assertThat(e.reason()).isNotBlank();
        }
    }

    /** Deletes, repeats, swaps and rewrites lines and words of a valid file: errors deep inside real stanzas. */
    private static String mutate(String text, Random random) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int mutations = 1 + random.nextInt(4);
        for (int i = 0; i < mutations && !lines.isEmpty(); i++) {
            int at = random.nextInt(lines.size());
            switch (random.nextInt(5)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, lines.get(random.nextInt(lines.size())));
                case 2 -> lines.set(at, replaceWord(lines.get(at), random));
                case 3 -> lines.set(at, lines.get(at) + " " + word(random));
                default -> lines.subList(at, lines.size()).clear();
            }
        }
        return String.join("\n", lines);
    }

    private static String replaceWord(String line, Random random) {
        String[] words = line.trim().split("\\s+");
        words[random.nextInt(words.length)] = word(random);
        return String.join(" ", words);
    }

    private static String word(Random random) {
        return VOCABULARY.get(random.nextInt(VOCABULARY.size()));
    }

    /** Every name the readers know, braces, line ends, and values at and beyond the edges of the kinds. */
    private static List<String> vocabulary() {
        List<String> words = new ArrayList<>(List.of("{", "}", "\n", "#", "\n}\n", "namespace", "service", "logging",
                "network", "mod-lua", "security", "xdr", "console", "file", "syslog", "heartbeat", "fabric", "info",
                "admin", "tls", "storage-engine", "memory", "device", "pmem", "set", "index-type", "sindex-type",
                "shmem", "flash", "geo2dsphere-within", "test", "any", "info", "mesh", "multicast", "0", "1", "-1",
                "64", "1M", "4G", "8M", "9M", "30d", "2w", "4X", "yes", "maybe", "true", "65536", "3000",
                "99999999999999999999", "ffffffffffffffff", "/data/a.dat", "\u0000", "é", "{a}", "a{", "}b"));
        Stream.of(ServiceSetting.values(), LoggingSinkSetting.values(), NetworkServiceSetting.values(),
                HeartbeatSetting.values(), FabricSetting.values(), NamespaceSetting.values(),
                MemoryStorageSetting.values(), DeviceStorageSetting.values(), SetSetting.values())
                .flatMap(Arrays::stream)
                .forEach(setting -> words.add(setting.settingName()));
        return List.copyOf(words);
    }

    private static String resource(String name) {
        try (InputStream in = ConfigGarbageProperties.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
