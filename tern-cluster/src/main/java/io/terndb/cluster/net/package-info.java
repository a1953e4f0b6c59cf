/**
 * The cluster's two networks over TCP, on Netty event loops the caller owns:
 * {@link io.terndb.cluster.net.MeshTransport} carries control messages (heartbeats, Paxos, exchange) best effort;
 * {@link io.terndb.cluster.net.FabricTransport} carries data frames on one ordered, bounded connection per peer.
 */
package io.terndb.cluster.net;
