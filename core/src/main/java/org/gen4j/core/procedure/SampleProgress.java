package org.gen4j.core.procedure;

/**
 * Told how far a long sampling run has got: an autoregressive model draws its images one value
 * at a time, 784 sequential steps for 28x28, and reports after each.
 */
@FunctionalInterface
public interface SampleProgress {

    /** Reports nothing. */
    SampleProgress NONE = (done, total) -> { };

    /**
     * Called after each step.
     *
     * @param done the steps done so far
     * @param total the steps of the whole request
     */
    void advance(long done, long total);
}
