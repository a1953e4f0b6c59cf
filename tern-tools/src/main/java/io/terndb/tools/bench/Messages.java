package io.terndb.tools.bench;

/** Client error messages can span lines; results and tables need them on one. */
final class Messages {
    private Messages() {}

    static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s+", " ").strip();
    }
}
