package org.gen4j.core.train;

/** Supplies real mini-batches, laid out {@code (N, sampleShape...)} row-major. */
@FunctionalInterface
public interface RealBatches {

    /** The next batch of {@code batchSize} samples. */
    float[] next();
}
