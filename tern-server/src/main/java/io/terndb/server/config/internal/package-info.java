/**
 * The configuration parser behind {@link io.terndb.server.config.ConfigParser}; not an API.
 *
 * <ol>
 *   <li>{@link io.terndb.server.config.internal.SyntaxParser} turns text into {@link
 *       io.terndb.server.config.internal.Entry entries}: settings and stanzas with their lines.</li>
 *   <li>One reader per stanza ({@code NamespaceReader}, {@code HeartbeatReader}, ...) walks its entries. The shared
 *       base {@code StanzaReader} looks each name up in the stanza's table (an enum per stanza, e.g.
 *       {@code NamespaceSetting}, transcribed from the Aerospike 8.x server), refuses what is unknown, misplaced,
 *       repeated, obsolete or unsupported, checks the value against its {@link
 *       io.terndb.server.config.internal.ValueKind kind}, and hands applied settings to the reader.</li>
 *   <li>Each reader checks the relations inside its stanza when it ends and builds its record;
 *       {@code TopLevelReader} checks the file as a whole.</li>
 * </ol>
 */
package io.terndb.server.config.internal;
