/**
 * Wire formats shared by the server and clients: the 8-byte proto header, the AS_MSG header with its flag bytes,
 * field, operation and particle codes, result codes, partition ids and void times. Constants and pure functions
 * only; no I/O. docs/ARCHITECTURE.md says where each is used.
 */
package io.terndb.protocol;
