/** Served namespaces (configuration, storage, counters) and the namespace supervisor that expires records. */
package io.terndb.server.namespace;
