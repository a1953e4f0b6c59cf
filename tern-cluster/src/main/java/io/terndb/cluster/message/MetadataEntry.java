package io.terndb.cluster.message;

/**
 * One item of system metadata: in {@code module} (e.g. {@code truncate}), {@code key} holds {@code value} as of
 * {@code version}. A higher version replaces a lower one everywhere; versions are milliseconds of the node that set
 * the item, raised past the item's previous version, so a later change always wins.
 */
public record MetadataEntry(String module, String key, String value, long version) {
}
