package org.gen4j.core.train;

import java.nio.file.Path;

/** Follows a training run: progress bars, logs, and tests implement it. All methods are optional. */
public interface RunListener {

    /** Training starts (or resumes) at {@code startStep} of {@code totalSteps}. */
    default void onStart(long startStep, long totalSteps, long stepsPerEpoch, String description) {}

    /** A step finished; {@code imagesPerSecond} is measured over the recent steps. */
    default void onStep(StepResult result, int epoch, double imagesPerSecond) {}

    /** The pictures of an epoch were written; {@code file} is the main one. */
    default void onSamples(Path file, int epoch, long step) {}

    /** A checkpoint was published. */
    default void onCheckpoint(Path dir, long step) {}

    /** Training ended normally. */
    default void onEnd(long step, double seconds) {}
}
