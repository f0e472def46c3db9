package org.gen4j.core.toy;

import org.gen4j.core.procedure.TrainingProcedure;

/** Reads the toy's state in tests of other packages. */
@FunctionalInterface
public interface ToyAccess {

    /** The procedure, a toy autoencoder. */
    TrainingProcedure procedure();

    /** Its running mean of the batches. */
    default float[] runningMean() {
        return ((ToyAutoencoder) procedure()).runningMean();
    }

    /** The steps it has seen. */
    default long seen() {
        return ((ToyAutoencoder) procedure()).seen();
    }
}
