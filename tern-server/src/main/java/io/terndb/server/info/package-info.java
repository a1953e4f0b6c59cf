/** The text info protocol: request parsing ({@code InfoCommand}), dispatch ({@code InfoService}) and the replies. */
package io.terndb.server.info;
