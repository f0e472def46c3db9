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
}
