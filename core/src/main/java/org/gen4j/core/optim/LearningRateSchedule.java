package org.gen4j.core.optim;

/**
 * The factor on every optimizer's learning rate as a function of the step: what a schedule
 * plugin ({@link ScheduleFactory}) creates.
 *
 * <p>A schedule is a pure function of the step and of settings stored in the run spec, so a
 * resumed run sets exactly the factors a straight run would have set: resuming needs no state of
 * its own.
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /**
     * The factor for the update that follows {@code step} completed updates.
     *
     * @param step updates completed before this one, from 0
     * @return a factor in [0, 1]
     */
    double scale(long step);
}
