package io.terndb.tools.bench.client;

import java.lang.management.ManagementFactory;

/** CPU time used by this whole process (all threads: load, client library, JIT, GC), in nanoseconds. */
public final class CpuClock {

    private CpuClock() {
    }

    public static long processCpuNs() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(-1L);
    }
}
