/**
 * Configuration of a TernDB node: Aerospike 8.x configuration files read into one validated {@link
 * io.terndb.server.config.ServerConfig}.
 *
 * <p>Entry points: {@link io.terndb.server.config.ConfigParser#parse(java.nio.file.Path)} for a file,
 * {@link io.terndb.server.config.DefaultConfig#load()} for the embedded default. Mistakes stop start-up with a
 * {@link io.terndb.server.config.ConfigException} whose message is {@code FILE:LINE: reason}.
 *
 * <p>What happens to each Aerospike setting:
 * <ul>
 *   <li>read into the records when TernDB uses it ({@code replication-factor}, {@code data-size}, ports, ...);</li>
 *   <li>accepted, checked like the original checks it, and logged once as having no effect when it tunes
 *       something TernDB does not have ({@code run-as-daemon}, fabric channel counts, ...);</li>
 *   <li>refused when it changes a promise TernDB cannot keep yet ({@code security}, {@code xdr}, encryption at rest,
 *       {@code strong-consistency true}) or when Aerospike itself removed it;</li>
 *   <li>read from the Aerospike 6.x spelling where 7.0 only moved it ({@code memory-size} as {@code data-size},
 *       {@code write-block-size}), with a notice.</li>
 * </ul>
 * Limits and defaults the records do not carry are in {@link io.terndb.server.config.ConfigLimits}. The parser itself
 * lives in {@code internal}: a syntax pass to a tree of entries, then one reader per stanza against a table of the
 * stanza's settings.
 */
package io.terndb.server.config;
