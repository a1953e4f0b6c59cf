/** The stored record layout and the reusable working set a write rebuilds a record in. */
package io.terndb.storage.record;
