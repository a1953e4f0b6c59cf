package io.terndb.tools.info;

import java.io.IOException;

/** The peer answered, but not with a well-formed info frame. */
public final class InfoProtocolException extends IOException {
    public InfoProtocolException(String message) {
        super(message);
    }
}
