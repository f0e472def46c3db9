package org.gen4j.core.optim;

import java.util.Map;
import org.gen4j.core.spi.NamedFactory;
import org.gen4j.core.util.Options;

/**
 * Creates optimizers of one type: a plugin kind ({@code adam}, {@code rmsprop}, {@code sgd}, and
 * any a plugin registers with {@code GenBindings.addOptimizer}).
 *
 * <p>A run spec names the type and its settings per network ({@code optimizers: {generator:
 * {type: adam, lr: 2.0e-4, beta1: 0.5}}}); the settings a spec leaves out take {@link
 * #defaults()}, and a setting the type does not have is an error naming the type's settings.
 */
public interface OptimizerFactory extends NamedFactory {

    /**
     * Every setting of this type with its default value, in a fixed order. It must hold {@code
     * lr}, the learning rate that schedules scale.
     */
    Map<String, Object> defaults();

    /**
     * A new optimizer. It holds no native memory until its first step or load.
     *
     * @param settings the type's settings (the spec's values over {@link #defaults()}); the
     *     factory reads them with range checks and calls {@link Options#checkAllUsed()}
     * @throws IllegalArgumentException naming the setting, its value and the accepted range
     */
    Optimizer create(Options settings);
}
