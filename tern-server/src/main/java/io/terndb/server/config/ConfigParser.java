package io.terndb.server.config;

import io.terndb.server.config.internal.ConfigReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an Aerospike 8.x configuration file into one validated {@link ServerConfig}.
 *
 * <pre>{@code
 * ServerConfig config = ConfigParser.parse(Path.of("/etc/aerospike/aerospike.conf"));
 * }</pre>
 *
 * <p>The promise: anything TernDB does not understand stops start-up with {@code FILE:LINE: reason} (an unknown
 * setting or stanza, a setting in the wrong stanza, a bad value or suffix, a value out of range, a missing or extra
 * '}', a setting without its value, or settings that contradict each other). A known Aerospike setting that does not
 * apply to TernDB is accepted and logged once at INFO, e.g. {@code config: 'run-as-daemon' is accepted and has no
 * effect in TernDB}. Settings that would change what the server promises and that TernDB cannot keep yet
 * ({@code security}, {@code xdr}, encryption at rest, strong consistency) are refused.
 *
 * <p>Stateless and thread-safe.
 */
public final class ConfigParser {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigParser.class);

    private ConfigParser() {
    }

    /** Reads and parses a file, which must be UTF-8 (plain ASCII is). Errors name the file as given. */
    public static ServerConfig parse(Path file) throws ConfigException {
        String fileName = file.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            String why = switch (e) {
                case NoSuchFileException missing -> "no such file";
                case AccessDeniedException denied -> "permission denied";
                default -> e.toString();
            };
            throw new ConfigException(fileName, 0, "cannot read the configuration file: " + why, e);
        }
        return parse(decode(bytes, fileName), fileName, file);
    }

    /**
     * Parses configuration text.
     *
     * @param sourceName   how errors name the text, e.g. its path
     * @param sourceOrNull the file it came from, kept as {@link ServerConfig#source()}; {@code null} when none
     */
    public static ServerConfig parse(String text, String sourceName, Path sourceOrNull) throws ConfigException {
        ConfigReader.Result result = ConfigReader.read(text, sourceName, sourceOrNull);
        for (String notice : result.notices()) {
            LOG.info(notice);
        }
        return result.config();
    }

    /** Decodes strictly: a path with a byte replaced would silently name another file. */
    private static String decode(byte[] bytes, String fileName) throws ConfigException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            // The decoder stops at the first bad byte, so its position names the line.
            throw new ConfigException(fileName, lineOf(bytes, in.position()), "the file is not valid UTF-8 here");
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    private static int lineOf(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
