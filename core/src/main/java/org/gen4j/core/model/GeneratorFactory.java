package org.gen4j.core.model;

import org.gen4j.core.spi.NamedFactory;

/** Builds a new generator for a spec. */
public interface GeneratorFactory extends NamedFactory {

    /**
     * A new, uninitialised generator.
     *
     * @throws IllegalArgumentException if the architecture cannot produce samples of the spec's shape
     */
    Generator create(NetworkSpec spec);
}
