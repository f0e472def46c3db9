package org.gen4j.evaluation.features;

import ai.djl.ndarray.types.Shape;
import java.util.Map;

/**
 * A network that maps images to feature vectors (for FID, KID, precision/recall, density/coverage)
 * and to class probabilities (for the classifier score and the accuracy of conditional samples).
 *
 * <p>Feature networks are plugins ({@link FeatureNetworks#KIND}), chosen by name: gen4j ships one
 * for Fashion-MNIST ({@code fashion-mnist-classifier}), loads those that {@code gen4j
 * train-classifier} writes ({@code classifier}), and loads a user's TorchScript or ONNX network
 * from its file ({@code torchscript}, {@code onnx}), such as pytorch-fid's Inception-v3. A user
 * plugs in another kind by implementing this interface and registering a {@link
 * FeatureNetworkFactory}.
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

    /**
     * Whether the network scores images of this shape. By default only {@link #inputShape}; a
     * network that resizes its input, or repeats a grey channel, accepts more.
     *
     * @param imageShape one image's shape {@code (C, H, W)}
     */
    default boolean accepts(Shape imageShape) {
        return inputShape().equals(imageShape);
    }

    /** What {@link #accepts} takes, in words, for messages. */
    default String accepted() {
        return "images of shape " + inputShape();
    }

    /**
     * How the network was obtained and how it prepares images, recorded in {@code
     * evaluation.json} beside its id and weights hash: its file, its engine, its input contract.
     */
    default Map<String, Object> details() {
        return Map.of();
    }

    /** The length of a feature vector. */
    int featureSize();

    /**
     * The number of classes of {@link Outputs#probabilities}; 0 when the network gives features
     * only, and then the metrics on class probabilities (classifier score, conditional accuracy)
     * cannot use it.
     */
    int classCount();

    /**
     * Runs the network in inference mode on {@code n} images.
     *
     * @param images {@code n * C * H * W} pixels in [-1, 1], row-major, image after image
     * @param n the number of images, >= 1
     * @throws IllegalArgumentException if the length is not {@code n} images of {@link #inputShape}
     */
    Outputs apply(float[] images, int n);

    /**
     * Runs the network on {@code n} images of a shape it {@link #accepts}. By default the shape
     * must be {@link #inputShape}.
     *
     * @param images {@code n * C * H * W} pixels in [-1, 1], row-major, image after image
     * @param imageShape one image's shape {@code (C, H, W)}
     * @param n the number of images, >= 1
     * @throws IllegalArgumentException if the network does not accept the shape
     */
    default Outputs apply(float[] images, Shape imageShape, int n) {
        if (!accepts(imageShape)) {
            throw new IllegalArgumentException("the feature network " + id() + " takes "
                    + accepted() + ", got images of shape " + imageShape);
        }
        return apply(images, n);
    }

    @Override
    void close();

    /**
     * What the network computes for a batch.
     *
     * @param features {@code [n][featureSize]} penultimate-layer features
     * @param probabilities {@code [n][classCount]} class probabilities (rows sum to 1), or null
     *     when the network has no classes
     */
    record Outputs(double[][] features, double[][] probabilities) {}
}
