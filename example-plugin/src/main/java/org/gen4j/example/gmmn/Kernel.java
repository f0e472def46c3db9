package org.gen4j.example.gmmn;

import ai.djl.ndarray.NDArray;

/** A positive-definite kernel on samples, applied to all pairs of two batches. */
public interface Kernel {

    /**
     * The kernel matrix {@code k(x_i, y_j)}.
     *
     * @param squaredDistances {@code ||x_i - y_j||^2}, {@code (N, M)}
     * @return {@code (N, M)}
     */
    NDArray apply(NDArray squaredDistances);
}
