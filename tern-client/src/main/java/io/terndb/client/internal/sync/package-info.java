/**
 * Sync execution on the calling thread (platform or virtual) with retries, back-off and in-doubt tracking; a
 * watchdog thread enforces deadlines so reads need no socket timeout.
 */
package io.terndb.client.internal.sync;
