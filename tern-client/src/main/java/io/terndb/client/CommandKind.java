package io.terndb.client;

/** The kinds of command the client measures separately. */
public enum CommandKind {
    GET, PUT, EXISTS, DELETE, TOUCH, OPERATE, BATCH, SCAN, INFO
}
