package org.gen4j.core.train;

import org.gen4j.core.data.BatchLoader;

/**
 * Supplies training batches to a {@link Trainer}: a {@link BatchLoader} over a data set ({@code
 * loader::next}), or any source of the same shape (an infinite stream drawn on the fly).
 */
@FunctionalInterface
public interface Batches {

    /** The next batch; its arrays belong to the trainer from now on. */
    BatchLoader.Batch next();
}
