package io.terndb.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Every class of mistake stops start-up, naming the file, the line and the reason. */
class ConfigErrorsTest {

    /** A namespace that parses; tests add one line to it at line 2. */
    private static String namespaceWith(String line) {
        return "namespace test {\n" + line + "\nstorage-engine memory {\ndata-size 1G\n}\n}\n";
    }

    private static void assertRejected(String text, int line, String reason) {
        assertThatThrownBy(() -> ConfigParser.parse(text, "test.conf", null))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.fileName()).isEqualTo("test.conf");
                    assertThat(e.line()).as("line of: %s", e.getMessage()).isEqualTo(line);
                    assertThat(e.reason()).contains(reason);
                    assertThat(e.getMessage()).isEqualTo("test.conf:" + line + ": " + e.reason());
                });
    }

    @Test
    void rejectsUnknownNamespaceSettingWithFileAndLine() {
        assertThatThrownBy(() -> ConfigParser.parse(namespaceWith("foo 3"), "/etc/aerospike.conf", null))
                .isInstanceOf(ConfigException.class)
                .hasMessage("/etc/aerospike.conf:2: unknown setting 'foo' in namespace test");
    }

    @Test
    void rejectsUnknownTopLevelStanza() {
        assertRejected("servce {\n}\n" + namespaceWith(""), 1, "unknown stanza 'servce' at the top level");
    }

    @Test
    void rejectsUnknownStanzaInsideNetwork() {
        assertRejected("network {\n\tgossip {\n\t}\n}\n", 2, "unknown stanza 'gossip' in network");
    }

    @Test
    void rejectsSettingInWrongStanzaAndSaysWhereItBelongs() {
        assertRejected("service {\n\treplication-factor 2\n}\n", 2,
                "unknown setting 'replication-factor' in service (it is a setting of namespace)");
    }

    @Test
    void rejectsStanzaInWrongPlaceAndSaysWhereItBelongs() {
        assertRejected("heartbeat {\n\tmode mesh\n}\n", 1,
                "unknown stanza 'heartbeat' at the top level (it belongs in network)");
    }

    @Test
    void rejectsStorageSettingInNamespaceAndNamesBothEngines() {
        assertRejected(namespaceWith("filesize 4G"), 2,
                "unknown setting 'filesize' in namespace test (it is a setting of storage-engine memory or"
                        + " storage-engine device)");
    }

    @Test
    void rejectsValueThatIsNotANumber() {
        assertRejected(namespaceWith("replication-factor two"), 2,
                "'replication-factor' must be an unsigned number, not 'two'");
    }

    @Test
    void rejectsValueOutOfRange() {
        assertRejected(namespaceWith("replication-factor 0"), 2, "'replication-factor' must be from 1 to 256, not '0'");
        assertRejected(namespaceWith("replication-factor 257"), 2, "must be from 1 to 256, not '257'");
    }

    @Test
    void rejectsUnknownSizeSuffix() {
        assertRejected("namespace test {\nstorage-engine memory {\ndata-size 4X\n}\n}\n", 3,
                "'data-size' has an unknown size suffix in '4X'");
        assertRejected("namespace test {\nstorage-engine memory {\ndata-size 4GB\n}\n}\n", 3,
                "unknown size suffix in '4GB'");
    }

    @Test
    void rejectsUnknownDurationSuffix() {
        assertRejected(namespaceWith("nsup-period 2w"), 2, "'nsup-period' has an unknown time suffix in '2w'");
    }

    @Test
    void rejectsNumberTooLargeForSixtyFourBits() {
        assertRejected(namespaceWith("max-record-size 99999999999999999999"), 2, "'max-record-size' is too large");
        assertRejected(namespaceWith("max-record-size 99999999999P"), 2, "'max-record-size' is too large");
    }

    @Test
    void rejectsBadBoolean() {
        assertRejected(namespaceWith("allow-ttl-without-nsup maybe"), 2,
                "'allow-ttl-without-nsup' must be true, false, yes or no, not 'maybe'");
    }

    @Test
    void rejectsBadChoice() {
        assertRejected(namespaceWith("conflict-resolution-policy newest"), 2,
                "'conflict-resolution-policy' must be generation or last-update-time, not 'newest'");
    }

    @Test
    void rejectsMissingClosingBraceAtTheLineOfTheUnclosedStanza() {
        assertRejected("service {\n\tproto-fd-max 15000\n}\nnamespace test {\n\tstorage-engine memory {\n"
                + "\t\tdata-size 1G\n\t}\n", 4, "'namespace test' is never closed: missing '}'");
    }

    @Test
    void rejectsExtraClosingBrace() {
        assertRejected(namespaceWith("") + "}\n", 7, "unexpected '}': no stanza is open here");
    }

    @Test
    void rejectsOpeningBraceWithoutName() {
        assertRejected("{\n}\n", 1, "'{' without a stanza name");
    }

    @Test
    void rejectsSettingWithoutValue() {
        assertRejected(namespaceWith("replication-factor"), 2, "'replication-factor' needs a value");
        assertRejected(namespaceWith("default-ttl # thirty days"), 2, "'default-ttl' needs a value");
    }

    @Test
    void rejectsSettingWithTooManyValues() {
        assertRejected(namespaceWith("replication-factor 2 3"), 2, "'replication-factor' takes one value, not 2");
    }

    @Test
    void rejectsSettingGivenTwiceInOneStanza() {
        assertRejected("namespace test {\nreplication-factor 1\nreplication-factor 2\n}\n", 3,
                "'replication-factor' is given twice in namespace test (first on line 2)");
    }

    @Test
    void rejectsStanzaGivenTwice() {
        assertRejected("service {\n}\nservice {\n}\n", 3,
                "'service' is given twice at the top level (first on line 1)");
    }

    @Test
    void rejectsSettingWrittenAsStanza() {
        assertRejected("network {\n\tservice {\n\t\tport {\n\t\t}\n\t}\n}\n", 3,
                "'port' in network service is a setting and takes no '{ ... }' block");
    }

    @Test
    void rejectsStanzaWithoutBlock() {
        assertRejected("service\n" + namespaceWith(""), 1, "'service' at the top level needs a '{ ... }' block");
    }

    @Test
    void rejectsBraceGluedToStanzaName() {
        assertRejected("service{\n}\n", 1, "put spaces around braces: 'service{'");
        assertRejected("namespace test {\nstorage-engine memory {\ndata-size 1G}\n}\n}\n", 3,
                "put spaces around braces: '1G}'");
    }

    @Test
    void rejectsDuplicateNamespace() {
        assertRejected(namespaceWith("") + namespaceWith(""), 7,
                "namespace 'test' is defined twice (first on line 1)");
    }

    @Test
    void rejectsNamespaceNameLongerThan31Bytes() {
        String name = "n".repeat(32);
        assertRejected("namespace " + name + " {\n}\n", 1, "namespace name must be 1 to 31 bytes long, not 32");
    }

    @Test
    void acceptsNamespaceNameOf31Bytes() throws ConfigException {
        String name = "n".repeat(31);
        ServerConfig config = ConfigParser.parse(namespaceWith("").replace("test", name), "test.conf", null);
        assertThat(config.namespace(name)).isNotNull();
    }

    @Test
    void rejectsNamespaceWithoutName() {
        assertRejected("namespace {\n}\n", 1, "'namespace' takes one name, not none");
    }

    @Test
    void rejectsFileWithoutNamespaceAtItsLastLine() {
        assertRejected("service {\n\tproto-fd-max 15000\n}\n", 3, "no namespace");
        assertRejected("", 1, "no namespace");
    }

    @Test
    void rejectsDefaultTtlWithoutNsupPeriod() {
        assertRejected(namespaceWith("default-ttl 30d"), 2,
                "default-ttl requires nsup-period or allow-ttl-without-nsup");
    }

    @Test
    void acceptsDefaultTtlWithNsupPeriodOrAllowTtlWithoutNsup() throws ConfigException {
        ConfigParser.parse(namespaceWith("default-ttl 30d\nnsup-period 120"), "test.conf", null);
        ConfigParser.parse(namespaceWith("default-ttl 30d\nallow-ttl-without-nsup true"), "test.conf", null);
    }

    @Test
    void rejectsDefaultTtlOverTenYears() {
        assertRejected(namespaceWith("default-ttl 3651d"), 2,
                "'default-ttl' must be from 0 to 315360000 seconds, not '3651d'");
    }

    @Test
    void rejectsMaxRecordSizeOutsideLimits() {
        assertRejected(namespaceWith("max-record-size 9M"), 2,
                "'max-record-size' must be from 64 bytes to 8 MiB, not '9M'");
        assertRejected(namespaceWith("max-record-size 63"), 2, "must be from 64 bytes to 8 MiB, not '63'");
    }

    @Test
    void rejectsWriteBlockSizeThatIsNotAPowerOfTwoBetweenOneAndEightMiB() {
        String device = "namespace test {\nstorage-engine device {\nfile /data/test.dat\nfilesize 1G\n%s\n}\n}\n";
        assertRejected(device.formatted("write-block-size 3M"), 5,
                "'write-block-size' must be a power of two from 1 MiB to 8 MiB, not '3M'");
        assertRejected(device.formatted("write-block-size 128K"), 5, "power of two from 1 MiB to 8 MiB");
        assertRejected(device.formatted("write-block-size 16M"), 5, "power of two from 1 MiB to 8 MiB");
    }

    @Test
    void rejectsMaxRecordSizeLargerThanTheWriteBlock() {
        assertRejected("namespace test {\nmax-record-size 2M\nstorage-engine device {\nfile /data/test.dat\n"
                + "filesize 1G\nwrite-block-size 1M\n}\n}\n", 2,
                "max-record-size (2 MiB) must not exceed the write block (1 MiB)");
    }

    @Test
    void rejectsPortOutOfRange() {
        assertRejected("network {\nservice {\nport 0\n}\n}\n", 3, "'port' must be a port from 1 to 65535, not '0'");
        assertRejected("network {\nfabric {\nport 65536\n}\n}\n", 3, "must be a port from 1 to 65535");
    }

    @Test
    void rejectsPercentageOver100() {
        assertRejected("namespace test {\nstorage-engine memory {\ndata-size 1G\nstop-writes-used-pct 101\n}\n}\n", 4,
                "'stop-writes-used-pct' must be at most 100, not '101'");
    }

    @Test
    void rejectsSecurityStanza() {
        assertRejected(namespaceWith("") + "security {\n}\n", 7, "security is not supported yet");
    }

    @Test
    void rejectsXdrStanza() {
        assertRejected("xdr {\n\tdc remote {\n\t}\n}\n", 1, "xdr is not supported yet");
    }

    @Test
    void rejectsObsoleteSettingAndSaysWhatReplacedIt() {
        assertRejected("service {\n\ttransaction-queues 4\n}\n", 2,
                "'transaction-queues' is obsolete: tune 'service-threads' instead");
        assertRejected(namespaceWith("single-bin true"), 2, "'single-bin' is obsolete");
    }

    @Test
    void rejectsPromisesTernDbCannotKeepYet() {
        assertRejected(namespaceWith("strong-consistency true"), 2, "'strong-consistency true' is not supported yet");
        assertRejected("namespace test {\nstorage-engine memory {\ndata-size 1G\nencryption-key-file /k\n}\n}\n", 4,
                "'encryption-key-file' is not supported yet");
        assertRejected("namespace test {\nstorage-engine memory {\nfile /data/test.dat\n}\n}\n", 3,
                "'file' is not supported yet: storage backing of a memory namespace");
        assertRejected("namespace test {\nstorage-engine device {\nfile /a.dat /b.dat\n}\n}\n", 3,
                "shadow devices are not supported yet");
    }

    @Test
    void rejectsNamespaceWithoutStorageEngine() {
        assertRejected("namespace test {\n\treplication-factor 1\n}\n", 1, "namespace test needs a 'storage-engine");
    }

    @Test
    void rejectsMemoryEngineWithoutDataSize() {
        assertRejected("namespace test {\n\tstorage-engine memory {\n\t}\n}\n", 2,
                "storage-engine memory needs 'data-size'");
    }

    @Test
    void rejectsDataSizeTogetherWithSixDotXMemorySize() {
        assertRejected("namespace test {\nmemory-size 1G\nstorage-engine memory {\ndata-size 1G\n}\n}\n", 2,
                "both 'data-size' (line 4) and the Aerospike 6.x 'memory-size' are set");
    }

    @Test
    void rejectsDeviceEngineWithoutFilesOrWithoutFilesize() {
        assertRejected("namespace test {\nstorage-engine device {\n}\n}\n", 2,
                "storage-engine device needs at least one 'file' or 'device' line");
        assertRejected("namespace test {\nstorage-engine device {\nfile /data/test.dat\n}\n}\n", 2,
                "with 'file' lines needs 'filesize'");
    }

    @Test
    void rejectsMixOfFilesAndDevicesAndRepeatedPaths() {
        assertRejected("namespace test {\nstorage-engine device {\nfile /a.dat\ndevice /dev/sdb\n}\n}\n", 4,
                "can't mix 'file' and 'device' lines");
        assertRejected("namespace test {\nstorage-engine device {\nfile /a.dat\nfile /a.dat\n}\n}\n", 4,
                "'/a.dat' is listed twice (first on line 3)");
    }

    @Test
    void rejectsUnknownStorageEngine() {
        assertRejected("namespace test {\nstorage-engine tape {\n}\n}\n", 2,
                "'storage-engine' must be memory or device, not 'tape'");
    }

    @Test
    void rejectsHeartbeatWithoutMode() {
        assertRejected("network {\n\theartbeat {\n\t\tport 3002\n\t}\n}\n", 2, "network heartbeat needs 'mode mesh'");
    }

    @Test
    void rejectsHeartbeatConnectTimeoutLongerThanAThirdOfTheTimeout() {
        assertRejected("network {\nheartbeat {\nmode mesh\ninterval 50\ntimeout 3\n}\n}\n", 2,
                "'connect-timeout-ms' (500) must be at most interval * timeout / 3 = 50 ms");
    }

    @Test
    void rejectsMeshSeedWithoutPort() {
        assertRejected("network {\nheartbeat {\nmode mesh\nmesh-seed-address-port 10.0.0.1\n}\n}\n", 4,
                "'mesh-seed-address-port' needs a host and a port, not 1 values");
    }

    @Test
    void rejectsUnknownLoggingLevelAndContext() {
        assertRejected("logging {\nconsole {\ncontext any loud\n}\n}\n", 3,
                "logging level must be critical, warning, info, debug or detail, not 'loud'");
        assertRejected("logging {\nconsole {\ncontext everything info\n}\n}\n", 3,
                "unknown logging context 'everything'");
    }

    @Test
    void rejectsLogFileWithoutPath() {
        assertRejected("logging {\nfile {\ncontext any info\n}\n}\n", 2, "'file' needs the path of the log file");
    }

    @Test
    void rejectsNodeIdThatIsNotHexadecimal() {
        assertRejected("service {\nnode-id bb9g\n}\n", 2, "'node-id' must be a 64-bit hexadecimal number, not 'bb9g'");
        assertRejected("service {\nnode-id 0\n}\n", 2, "'node-id' must be at least 1");
    }

    @Test
    void rejectsPathContainingNulCharacter() {
        assertRejected("service {\nwork-directory /opt/a\u0000b\n}\n", 2, "'work-directory' is not a valid path");
    }
}
