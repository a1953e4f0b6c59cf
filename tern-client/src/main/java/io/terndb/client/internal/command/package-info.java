/**
 * One class per command: node choice, request encoding, reply parsing. Both the sync executor and the async event
 * loops run them.
 */
package io.terndb.client.internal.command;
