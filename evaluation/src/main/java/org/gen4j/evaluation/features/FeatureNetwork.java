package org.gen4j.evaluation.features;

import ai.djl.ndarray.types.Shape;

/**
 * A network that maps images to feature vectors (for FID, KID, precision/recall, density/coverage)
 * and to class probabilities (for the classifier score and the accuracy of conditional samples).
 *
 * <p>gen4j ships one for Fashion-MNIST ({@code fashion-mnist-classifier}); a user plugs in another
 * for other data by implementing this interface.
 *
 * <p>Implementations own native resources and are closed after use.
 */
public interface FeatureNetwork extends AutoCloseable {

    /** A stable identifier recorded with every result, for example {@code fashion-mnist-classifier}. */
    String id();

    /** The SHA-256 (hex) of the weights, recorded with every result. */
    String weightsSha256();

    /** The shape of one input image, {@code (C, H, W)}; pixels in [-1, 1]. */
    Shape inputShape();

    /** The length of a feature vector. */
    int featureSize();

    /** The number of classes of {@link Outputs#probabilities}. */
    int classCount();

    /**
     * Runs the network in inference mode on {@code n} images.
     *
     * @param images {@code n * C * H * W} pixels in [-1, 1], row-major, image after image
     * @param n the number of images, >= 1
     * @throws IllegalArgumentException if the length is not {@code n} images of {@link #inputShape}
     */
    Outputs apply(float[] images, int n);

    @Override
    void close();

    /**
     * What the network computes for a batch.
     *
     * @param features {@code [n][featureSize]} penultimate-layer features
     * @param probabilities {@code [n][classCount]} class probabilities (rows sum to 1)
     */
    record Outputs(double[][] features, double[][] probabilities) {}
}
