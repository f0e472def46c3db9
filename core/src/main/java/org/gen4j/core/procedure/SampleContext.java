package org.gen4j.core.procedure;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;

/**
 * What a procedure samples with: a manager for the result, and its networks in inference mode
 * (BatchNorm with its running statistics, no dropout).
 */
public interface SampleContext {

    /** The manager that owns what sampling creates; the caller closes it. */
    NDManager manager();

    /** The store the networks' parameters are read through. */
    ParameterStore parameterStore();

    /** Runs a network in inference mode. */
    NDList forward(String network, NDList inputs);

    /**
     * This context with each network run through {@link org.gen4j.core.nn.FrozenForward}: the
     * same values in inference mode, but recordable by a gradient collector, so that a gradient
     * reaches the inputs (inpainting by a generator's latent). By default the context itself,
     * for contexts whose forward passes can be recorded already.
     */
    default SampleContext frozen() {
        return this;
    }
}
