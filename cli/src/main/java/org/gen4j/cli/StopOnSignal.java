package org.gen4j.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.gen4j.core.train.TrainingRun;

/**
 * While a run trains, SIGINT (Ctrl-C) and SIGTERM ask it to stop after the current step with a
 * checkpoint of that step, instead of killing it between checkpoints. The JVM's shutdown hook
 * waits for that checkpoint (at most {@value #WAIT_SECONDS} s) before the process ends.
 */
final class StopOnSignal implements AutoCloseable {

    /** The longest a signal waits for the run's last checkpoint. */
    static final int WAIT_SECONDS = 120;

    private final Thread hook;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean signalled;

    StopOnSignal(TrainingRun run) {
        hook = new Thread(() -> {
            signalled = true;
            run.requestStop();
            try {
                finished.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "gen4j-stop-on-signal");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Whether a signal asked the run to stop. */
    boolean signalled() {
        return signalled;
    }

    /** Training has returned (its message printed): let a waiting signal end the process. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running and waits for the latch below
        }
        finished.countDown();
    }
}
