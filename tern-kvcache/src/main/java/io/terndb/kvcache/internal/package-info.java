/** The chunk store's internals: record layout, segment sizing, the reader and writer. Not an API. */
package io.terndb.kvcache.internal;
