package io.terndb.server.config.internal;

import java.util.List;

/**
 * One element of a configuration file after the syntax pass: a setting line ({@code name value...}) or a stanza
 * ({@code name [argument...] { entries }}). The syntax pass knows nothing about which names exist; the readers do.
 */
public sealed interface Entry permits Entry.Setting, Entry.Stanza {

    String name();

    /** The 1-based line the entry starts on. */
    int line();

    /** {@code name value...} on one line. */
    record Setting(String name, List<String> values, int line) implements Entry {
        public Setting {
            values = List.copyOf(values);
        }
    }

    /**
     * {@code name argument... { ... }}. The file itself is a stanza with an empty name on line 0.
     *
     * @param line the line of the stanza's name
     */
    record Stanza(String name, List<String> arguments, int line, List<Entry> entries) implements Entry {
        public Stanza {
            arguments = List.copyOf(arguments);
            entries = List.copyOf(entries);
        }

        /** The name and arguments as written, e.g. {@code namespace test}: how error messages name the stanza. */
        public String header() {
            return arguments.isEmpty() ? name : name + " " + String.join(" ", arguments);
        }
    }
}
