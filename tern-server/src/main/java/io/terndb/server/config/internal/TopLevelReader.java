package io.terndb.server.config.internal;

import io.terndb.server.config.ConfigException;
import io.terndb.server.config.LoggingConfig;
import io.terndb.server.config.NamespaceConfig;
import io.terndb.server.config.NetworkConfig;
import io.terndb.server.config.ServerConfig;
import io.terndb.server.config.ServiceConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the stanzas at the top of the file and checks what concerns the file as a whole: at least one namespace,
 * no namespace twice.
 */
final class TopLevelReader extends StanzaReader<NoSetting> {

    private ServiceConfig service;
    private LoggingConfig logging;
    private NetworkConfig network;
    private final List<NamespaceConfig> namespaces = new ArrayList<>();
    private final Map<String, Integer> namespaceLines = new HashMap<>();

    private TopLevelReader(ParseContext context) {
        super(context, SettingTables.TOP_LEVEL, "");
    }

    /** @param lastLine the file's last line, where a missing namespace is reported */
    static ServerConfig read(Entry.Stanza file, int lastLine, Path source, ParseContext context)
            throws ConfigException {
        TopLevelReader reader = new TopLevelReader(context);
        reader.readEntries(file);
        if (reader.namespaces.isEmpty()) {
            throw context.error(lastLine, "no namespace: at least one 'namespace NAME { ... }' stanza is required");
        }
        ServiceConfig service = reader.service != null ? reader.service : ServiceReader.defaults(context);
        LoggingConfig logging = reader.logging != null ? reader.logging : LoggingConfig.consoleInfo();
        NetworkConfig network = reader.network != null ? reader.network : NetworkReader.defaults();
        return new ServerConfig(service, logging, network, reader.namespaces, source);
    }

    @Override
    protected void apply(NoSetting setting, Value value, Entry.Setting entry) {
        throw new IllegalStateException("the top level has no settings");
    }

    @Override
    protected void readStanza(Entry.Stanza child) throws ConfigException {
        String name = child.name();
        switch (name) {
            case "service" -> {
                claimOnce("stanza service", child.line(), "'service'");
                service = ServiceReader.read(child, context);
            }
            case "logging" -> {
                claimOnce("stanza logging", child.line(), "'logging'");
                logging = LoggingReader.read(child, context);
            }
            case "network" -> {
                claimOnce("stanza network", child.line(), "'network'");
                network = NetworkReader.read(child, context);
            }
            case "namespace" -> readNamespace(child);
            case "mod-lua" -> {
                claimOnce("stanza mod-lua", child.line(), "'mod-lua'");
                requireNoArgument(child);
                IgnoredStanzaReader.read(child, SettingTables.MOD_LUA, "mod-lua", context);
            }
            case "security" -> throw error(child.line(), "security is not supported yet: TernDB has no users,"
                    + " roles or authentication, so it will not start with a 'security' stanza");
            case "xdr" -> throw error(child.line(), "xdr is not supported yet: TernDB does not ship records to"
                    + " other clusters, so it will not start with an 'xdr' stanza");
            default -> throw unknownStanza(child);
        }
    }

    private void readNamespace(Entry.Stanza child) throws ConfigException {
        NamespaceConfig namespace = NamespaceReader.read(child, context);
        Integer first = namespaceLines.putIfAbsent(namespace.name(), child.line());
        if (first != null) {
            throw error(child.line(), "namespace " + ValueSyntax.quote(namespace.name())
                    + " is defined twice (first on line " + first + ")");
        }
        namespaces.add(namespace);
    }
}
