/**
 * Cluster tending: seeds, node validation, peers, replicas bitmaps merged into a copy-on-write partition map, node
 * removal. The info transport is an interface so tests script multi-node clusters.
 */
package io.terndb.client.internal.cluster;
