package org.gen4j.core.loss;

import org.gen4j.core.spi.NamedFactory;
import org.gen4j.core.util.Options;

/** Creates a new adversarial loss from its options. */
public interface GanLossFactory extends NamedFactory {

    /**
     * A new loss.
     *
     * @throws IllegalArgumentException on an unknown option or a value out of range
     */
    GanLoss create(Options options);
}
