package org.gen4j.core.data;

import org.gen4j.core.spi.NamedFactory;
import org.gen4j.core.util.Options;

/** A named data set that gen4j can load without a path (embedded or synthetic). */
public interface DatasetFactory extends NamedFactory {

    /**
     * Loads or generates the samples.
     *
     * @param options data-set specific options (for example {@code size} for synthetic sets)
     * @param seed the seed for synthetic data
     */
    SampleSet load(Options options, long seed);
}
