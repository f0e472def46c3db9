package org.gen4j.core.loss;

import org.gen4j.core.spi.NamedFactory;
import org.gen4j.core.util.Options;

/** Creates reconstruction terms: a plugin kind ({@code l2}, {@code l1}, {@code bce}, ...). */
public interface ReconstructionLossFactory extends NamedFactory {

    /**
     * A new reconstruction term.
     *
     * @throws IllegalArgumentException on an unknown option or a value out of range
     */
    ReconstructionLoss create(Options options);
}
