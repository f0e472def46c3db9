package org.gen4j.core.optim;

import java.util.Map;
import org.gen4j.core.spi.NamedFactory;
import org.gen4j.core.util.Options;

/**
 * Creates learning-rate schedules of one type: a plugin kind ({@code constant}, {@code linear},
 * {@code step}, {@code cosine}, and any a plugin registers with {@code GenBindings.addSchedule}).
 *
 * <p>The spec key {@code schedule} names the type and its settings ({@code schedule: {type:
 * cosine, warmup: 200}}); one schedule scales the learning rates of every network.
 */
public interface ScheduleFactory extends NamedFactory {

    /** Every setting with its default value, in a fixed order. */
    Map<String, Object> defaults();

    /**
     * A schedule over a run of {@code totalSteps} updates.
     *
     * @param settings the spec's values over {@link #defaults()}; read with range checks, then
     *     {@link Options#checkAllUsed()}
     * @param totalSteps the updates the run trains to, &gt;= 1
     * @throws IllegalArgumentException naming the setting and the accepted range
     */
    LearningRateSchedule create(Options settings, long totalSteps);
}
