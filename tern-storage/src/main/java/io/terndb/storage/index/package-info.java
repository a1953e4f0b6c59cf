/** The off-heap primary index: one open-addressing table of 48-byte entries per partition. */
package io.terndb.storage.index;
