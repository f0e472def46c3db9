package org.gen4j.core.model;

import org.gen4j.core.spi.NamedFactory;

/** Builds a new discriminator (critic) for a spec. */
public interface DiscriminatorFactory extends NamedFactory {

    /**
     * A new, uninitialised discriminator.
     *
     * @throws IllegalArgumentException if the architecture cannot take samples of the spec's shape
     */
    Discriminator create(NetworkSpec spec);
}
