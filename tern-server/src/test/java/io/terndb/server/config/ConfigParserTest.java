package io.terndb.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.terndb.server.config.internal.ConfigReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigParserTest {

    private static final long POST_WRITE_CACHE = ConfigLimits.POST_WRITE_CACHE_BYTES_DEFAULT;

    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;
    private static final long GIB = 1024 * MIB;

    static String resource(String name) {
        try (InputStream in = ConfigParserTest.class.getResourceAsStream("/config/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static ServerConfig parse(String text) throws ConfigException {
        return ConfigParser.parse(text, "test.conf", null);
    }

    @Test
    void parsesShippedStyleFileIntoServiceLoggingAndNetwork() throws ConfigException {
        ServerConfig config = parse(resource("aerospike.conf"));

        assertThat(config.service()).isEqualTo(new ServiceConfig("cakery", 15_000, Path.of("/opt/aerospike"),
                Path.of("/var/run/aerospike/asd.pid"), 0xa1b2c3d4e5f6L, 8));
        assertThat(config.logging().sinks()).containsExactly(
                new LoggingConfig.Sink(Path.of("/var/log/aerospike/aerospike.log"), "info"),
                new LoggingConfig.Sink(null, "warning"));
        NetworkConfig network = config.network();
        assertThat(network.service()).isEqualTo(
                new NetworkConfig.Service(List.of("any"), 3000, List.of("192.168.1.10"), 0));
        assertThat(network.heartbeat()).isEqualTo(new NetworkConfig.Heartbeat("mesh", List.of(), 3002,
                List.of("10.10.10.10:3002", "10.10.10.11:3002"), 150, 10));
        assertThat(network.fabric()).isEqualTo(new NetworkConfig.Endpoint(List.of(), 3001));
        assertThat(network.info()).isEqualTo(new NetworkConfig.Endpoint(List.of(), 3003));
        assertThat(network.admin()).isEqualTo(new NetworkConfig.Endpoint(List.of(), 0));
    }

    @Test
    void parsesShippedStyleFileIntoMemoryAndDeviceNamespaces() throws ConfigException {
        ServerConfig config = parse(resource("aerospike.conf"));

        assertThat(config.namespaces()).extracting(NamespaceConfig::name).containsExactly("test", "bar");
        assertThat(config.namespace("test")).isEqualTo(new NamespaceConfig("test", 2, 30 * 86_400L, 120, false,
                (int) MIB, new StorageConfig.Memory(4 * GIB, 80, 60), List.of()));
        assertThat(config.namespace("bar")).isEqualTo(new NamespaceConfig("bar", 2, 0, 0, false, (int) (128 * KIB),
                new StorageConfig.Device(List.of("/opt/aerospike/data/bar-0.dat", "/opt/aerospike/data/bar-1.dat"),
                        List.of(), 16 * GIB, (int) (8 * MIB), (int) (128 * KIB), 500, true, false, 60, 75, 65,
                        256 * 1024, null),
                List.of(new NamespaceConfig.SetConfig("users", 7200), new NamespaceConfig.SetConfig("sessions", 0))));
        assertThat(config.source()).isNull();
    }

    @Test
    void reportsEveryAcceptedSettingWithoutEffectOnceInFileOrder() throws ConfigException {
        String text = resource("aerospike.conf") + """
                namespace third {
                	disable-write-dup-res false
                	storage-engine memory {
                		data-size 1G
                	}
                }
                namespace fourth {
                	disable-write-dup-res false
                	storage-engine memory {
                		data-size 1G
                	}
                }
                """;

        List<String> notices = ConfigReader.read(text, "test.conf", null).notices();

        assertThat(notices).containsSubsequence(
                "config: 'user' is accepted and has no effect in TernDB",
                "config: 'group' is accepted and has no effect in TernDB",
                "config: 'run-as-daemon' is accepted and has no effect in TernDB",
                "config: 'feature-key-file' is accepted and has no effect in TernDB",
                "config: logging context 'migrate' is accepted and has no effect in TernDB",
                "config: stanza 'mod-lua' is accepted and has no effect in TernDB",
                "config: 'disable-eviction' is accepted and has no effect in TernDB",
                "config: 'disable-write-dup-res' is accepted and has no effect in TernDB");
        assertThat(notices).doesNotHaveDuplicates();
        assertThat(notices).noneMatch(notice -> notice.contains("'replication-factor'"));
    }

    @Test
    void appliesAerospikeDefaultsToAbsentSettings() throws ConfigException {
        ServerConfig config = parse("""
                namespace test {
                	storage-engine memory {
                		data-size 1G
                	}
                }
                namespace disk {
                	storage-engine device {
                		device /dev/nvme0n1
                	}
                }
                """);

        assertThat(config.service()).isEqualTo(new ServiceConfig("", 15_000, null, null, 0, 0));
        assertThat(config.logging()).isEqualTo(LoggingConfig.consoleInfo());
        assertThat(config.network()).isEqualTo(new NetworkConfig(
                new NetworkConfig.Service(List.of(), 3000, List.of(), 0), null,
                new NetworkConfig.Endpoint(List.of(), 0), new NetworkConfig.Endpoint(List.of(), 0),
                new NetworkConfig.Endpoint(List.of(), 0)));
        assertThat(config.namespace("test")).isEqualTo(new NamespaceConfig("test", 2, 0, 0, false, (int) MIB,
                new StorageConfig.Memory(GIB, 70, 0), List.of()));
        assertThat(config.namespace("disk").storage()).isEqualTo(new StorageConfig.Device(List.of(),
                List.of("/dev/nvme0n1"), 0, (int) (8 * MIB), (int) MIB, 1000, false, false, 50, 70, 0, POST_WRITE_CACHE,
                null));
    }

    @Test
    void parsesOneNodeConfigWithHeartbeatStanzaAndNoSeeds() throws ConfigException {
        ServerConfig config = parse("""
                network {
                	service {
                		address 127.0.0.1
                		port 3000
                	}
                	heartbeat {
                		mode mesh
                		port 3002
                	}
                	fabric {
                		address 127.0.0.1
                		port 3001
                	}
                }
                namespace test {
                	replication-factor 1
                	storage-engine memory {
                		data-size 1G
                	}
                }
                """);

        // The heartbeat listens where the fabric listens, as in the original.
        assertThat(config.network().heartbeat()).isEqualTo(
                new NetworkConfig.Heartbeat("mesh", List.of("127.0.0.1"), 3002, List.of(), 150, 10));
        assertThat(config.namespace("test").replicationFactor()).isEqualTo(1);
    }

    @Test
    void readsSizeSuffixesAsBinaryInEitherCase() throws ConfigException {
        assertThat(dataSize("536870912")).isEqualTo(512 * MIB);
        assertThat(dataSize("524288k")).isEqualTo(512 * MIB);
        assertThat(dataSize("524288K")).isEqualTo(512 * MIB);
        assertThat(dataSize("512m")).isEqualTo(512 * MIB);
        assertThat(dataSize("4G")).isEqualTo(4 * GIB);
        assertThat(dataSize("2t")).isEqualTo(2 * 1024 * GIB);
        assertThat(maxRecordSize("128K")).isEqualTo(128 * KIB);
        assertThat(maxRecordSize("8M")).isEqualTo(8 * MIB);
    }

    @Test
    void readsDurationSuffixesAsSecondsMinutesHoursAndDays() throws ConfigException {
        assertThat(defaultTtl("120")).isEqualTo(120);
        assertThat(defaultTtl("45s")).isEqualTo(45);
        assertThat(defaultTtl("5m")).isEqualTo(300);
        assertThat(defaultTtl("2h")).isEqualTo(7200);
        assertThat(defaultTtl("30D")).isEqualTo(2_592_000);
        assertThat(defaultTtl("3650d")).isEqualTo(NamespaceConfig.TTL_SECONDS_MAX);
    }

    @Test
    void readsBooleansAsTrueFalseYesOrNo() throws ConfigException {
        for (String yes : List.of("true", "yes", "TRUE", "Yes")) {
            assertThat(allowTtlWithoutNsup(yes)).as(yes).isTrue();
        }
        for (String no : List.of("false", "no", "False", "NO")) {
            assertThat(allowTtlWithoutNsup(no)).as(no).isFalse();
        }
    }

    @Test
    void readsSixDotXMemoryNamespaceIntoStorageEngineMemory() throws ConfigException {
        String text = """
                namespace legacy {
                	memory-size 2G
                	high-water-memory-pct 60
                	stop-writes-pct 90
                	storage-engine memory
                }
                """;

        ConfigReader.Result result = ConfigReader.read(text, "test.conf", null);

        assertThat(result.config().namespace("legacy").storage())
                .isEqualTo(new StorageConfig.Memory(2 * GIB, 90, 60));
        assertThat(result.notices()).contains(
                "config: 'memory-size' (Aerospike 6.x) is read as 'data-size' of storage-engine memory",
                "config: 'stop-writes-pct' (Aerospike 6.x) is read as 'stop-writes-used-pct' of storage-engine memory",
                "config: 'high-water-memory-pct' (Aerospike 6.x) is read as 'evict-used-pct' of storage-engine memory");
    }

    @Test
    void directFilesAndFlushSizeTakeEffect() throws ConfigException {
        ServerConfig config = parse("""
                namespace test {
                	storage-engine device {
                		file /opt/aerospike/data/test.dat
                		filesize 4G
                		direct-files true
                		flush-size 256K
                	}
                }
                """);

        StorageConfig.Device device = (StorageConfig.Device) config.namespace("test").storage();
        assertThat(device.directFiles()).isTrue();
        assertThat(device.flushBytes()).isEqualTo((int) (256 * KIB));
    }

    @Test
    void readsSixDotXDeviceNamespaceWithWriteBlockSizeAndDataInMemory() throws ConfigException {
        ServerConfig config = parse("""
                namespace legacy {
                	memory-size 4G
                	high-water-disk-pct 50
                	storage-engine device {
                		file /opt/aerospike/data/legacy.dat
                		filesize 4G
                		write-block-size 1M
                		data-in-memory true
                	}
                }
                """);

        assertThat(config.namespace("legacy").storage()).isEqualTo(new StorageConfig.Device(
                List.of("/opt/aerospike/data/legacy.dat"), List.of(), 4 * GIB, (int) MIB, (int) MIB, 1000, false, false,
                50, 70, 50, POST_WRITE_CACHE, null));
    }

    @Test
    void acceptsStanzasOnOneLineAndOpeningBracesOnTheirOwnLine() throws ConfigException {
        ServerConfig config = parse("""
                logging { console { context any debug } }
                namespace test
                {
                	storage-engine memory
                	{
                		data-size 1G
                	}
                }
                """);

        assertThat(config.logging().sinks()).containsExactly(new LoggingConfig.Sink(null, "debug"));
        assertThat(config.namespace("test").storage()).isEqualTo(new StorageConfig.Memory(GIB, 70, 0));
    }

    @Test
    void parsesFileFromDiskAndKeepsItsPath(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("aerospike.conf");
        Files.writeString(file, resource("aerospike.conf"));

        ServerConfig config = ConfigParser.parse(file);

        assertThat(config.source()).isEqualTo(file);
        assertThat(config.namespaces()).hasSize(2);
    }

    @Test
    void namesTheFileInErrorsWhenParsingFromDisk(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("broken.conf");
        Files.writeString(file, "service {\n\tproto-fd-max lots\n}\n");

        assertThatThrownBy(() -> ConfigParser.parse(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":2: 'proto-fd-max' must be an unsigned number, not 'lots'");
    }

    @Test
    void rejectsUnreadableFileWithoutLineNumber(@TempDir Path directory) {
        Path missing = directory.resolve("missing.conf");

        assertThatThrownBy(() -> ConfigParser.parse(missing))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.line()).isZero();
                    assertThat(e.getMessage())
                            .isEqualTo(missing + ": cannot read the configuration file: no such file");
                });
    }

    @Test
    void rejectsFileThatIsNotUtf8OnTheLineOfTheBadByte(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("latin1.conf");
        byte[] text = "service {\n\twork-directory /opt/caf\u00e9\n}\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(file, text);

        assertThatThrownBy(() -> ConfigParser.parse(file))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.reason()).contains("not valid UTF-8");
                });
    }

    private static long dataSize(String value) throws ConfigException {
        StorageConfig storage = parse("namespace test {\nstorage-engine memory {\ndata-size " + value + "\n}\n}\n")
                .namespace("test").storage();
        return ((StorageConfig.Memory) storage).dataSizeBytes();
    }

    private static long maxRecordSize(String value) throws ConfigException {
        String text = "namespace test {\nmax-record-size " + value + "\nstorage-engine memory {\ndata-size 1G\n}\n}\n";
        return parse(text).namespace("test").maxRecordBytes();
    }

    private static long defaultTtl(String value) throws ConfigException {
        return parse("namespace test {\nnsup-period 120\ndefault-ttl " + value
                + "\nstorage-engine memory {\ndata-size 1G\n}\n}\n").namespace("test").defaultTtlSeconds();
    }

    private static boolean allowTtlWithoutNsup(String value) throws ConfigException {
        return parse("namespace test {\nallow-ttl-without-nsup " + value
                + "\nstorage-engine memory {\ndata-size 1G\n}\n}\n").namespace("test").allowTtlWithoutNsup();
    }
}
