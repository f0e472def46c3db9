package org.gen4j.core.loss;

import org.gen4j.core.spi.NamedFactory;
import org.gen4j.core.util.Options;

/** Creates a new regularizer from its options. */
public interface RegularizerFactory extends NamedFactory {

    /**
     * A new regularizer.
     *
     * @throws IllegalArgumentException on an unknown option or a value out of range
     */
    Regularizer create(Options options);

    /**
     * The weight used when a run spec gives none: the paper's coefficient (lambda 10 for WGAN-GP
     * and DRAGAN, gamma / 2 = 5 for R1), 1 for constraints.
     */
    default double defaultWeight() {
        return 1;
    }
}
