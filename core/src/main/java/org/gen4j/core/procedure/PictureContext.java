package org.gen4j.core.procedure;

import java.util.Optional;
import org.gen4j.core.random.RandomStream;

/**
 * What a procedure draws its epoch pictures with: a sample context, and streams that give the
 * same numbers at every epoch, so that successive grids show the same latent points.
 */
public interface PictureContext extends SampleContext {

    /** The number of images a grid should hold (the spec's {@code sample-count}). */
    int sampleCount();

    /**
     * A stream derived from the run's seed and {@code purpose}, new at each call: the same numbers
     * every epoch ({@code grid} for a grid's latent vectors).
     */
    RandomStream fixed(String purpose);

    /**
     * The first {@code count} samples of the run's data (fewer if it has fewer), the same at
     * every epoch, as a batch in {@link #manager()}: what reconstructions are drawn from. Empty
     * when the model was loaded without its data.
     */
    Optional<StepBatch> dataSamples(int count);
}
