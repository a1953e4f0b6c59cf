package io.terndb.cluster.migration;

/**
 * Wakes a migrate thread when one of its emigrations can go on (an acknowledgement arrived, or a task was queued).
 * The signal is kept until taken, so one that comes between the thread's last step and its wait is not lost.
 */
final class Waker {

    private boolean signalled;

    synchronized void signal() {
        signalled = true;
        notifyAll();
    }

    /** Waits at most {@code timeoutMs} for a signal, and takes it. */
    synchronized void await(long timeoutMs) throws InterruptedException {
        long deadlineNs = System.nanoTime() + timeoutMs * 1_000_000;
        while (!signalled) {
            long leftMs = (deadlineNs - System.nanoTime()) / 1_000_000;
            if (leftMs <= 0) {
                break;
            }
            wait(leftMs);
        }
        signalled = false;
    }
}
