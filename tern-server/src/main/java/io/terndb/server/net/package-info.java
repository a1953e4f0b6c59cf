/**
 * The client service: Netty event loops, the proto framing ({@code FrameDecoder}) that checks every header before
 * buffering a body, and dispatch by message type to the info and transaction services.
 */
package io.terndb.server.net;
