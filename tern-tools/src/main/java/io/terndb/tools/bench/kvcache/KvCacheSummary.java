package io.terndb.tools.bench.kvcache;

import java.io.PrintWriter;

/** The two measured phases of a run, printed for people and as {@code result} lines for scripts. */
record KvCacheSummary(KvCacheSettings settings, String targetDescription, PhaseResult store, PhaseResult load) {

    /** Every object stored and loaded back intact, with no error on the way. */
    boolean complete() {
        return store.clean() && load.clean() && store.objects() == settings.objects()
                && load.objects() == (long) settings.objects() * settings.rounds();
    }

    void print(PrintWriter out) {
        out.println();
        out.println("== summary: " + settings.describe());
        out.println("target: " + targetDescription);
        out.println("client: JVM " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors()
                + " processors; verification " + (settings.verify()
                        ? "on (16-byte stamp of every 4 KiB page, one page compared in full)" : "off (length only)"));
        store.print(out);
        load.print(out);
        out.println(store.resultLine(settings));
        out.println(load.resultLine(settings));
        out.flush();
    }
}
