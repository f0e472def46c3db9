package org.gen4j.core.loss;

import org.gen4j.core.spi.NamedFactory;
import org.gen4j.core.util.Options;

/** Creates VAE objectives: a plugin kind ({@code kl-reconstruction}, ...). */
public interface VariationalLossFactory extends NamedFactory {

    /**
     * A new objective.
     *
     * @throws IllegalArgumentException on an unknown option or a value out of range
     */
    VariationalLoss create(Options options);
}
