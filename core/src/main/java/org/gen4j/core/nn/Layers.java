package org.gen4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Factory of gen4j's own layers: activations, reshaping, layer normalisation, residual sums and
 * average pooling, written as real blocks instead of DJL's opaque {@code LambdaBlock}s.
 *
 * <p>Each block works as a normal DJL block on every engine (forward, {@code getOutputShapes},
 * parameters, {@code saveParameters}/{@code loadParameters}), and each also knows the gradient of
 * its input in forward operations ({@link InputVjp}, or for {@link Residual} through its body).
 * A critic built from these, DJL's {@code Linear} and {@code Conv2d}, and {@code SequentialBlock}
 * can therefore carry a gradient penalty (WGAN-GP, DRAGAN, R1) on an engine without second-order
 * gradients, such as MXNet.
 */
public final class Layers {

    /** The default epsilon of {@link #layerNorm()}, as in PyTorch's {@code LayerNorm}. */
    public static final float LAYER_NORM_EPSILON = 1e-5f;

    private Layers() {}

    /**
     * Leaky ReLU: {@code x} where positive, {@code slope * x} elsewhere.
     *
     * @param slope the slope for negative inputs, finite (DCGAN uses 0.2)
     * @return a new block
     * @throws IllegalArgumentException if {@code slope} is not finite
     */
    public static LeakyRelu leakyRelu(float slope) {
        return new LeakyRelu(slope);
    }

    /**
     * ReLU: {@code max(x, 0)}.
     *
     * @return a new block
     */
    public static Relu relu() {
        return new Relu();
    }

    /**
     * The hyperbolic tangent.
     *
     * @return a new block
     */
    public static Tanh tanh() {
        return new Tanh();
    }

    /**
     * The logistic sigmoid.
     *
     * @return a new block
     */
    public static Sigmoid sigmoid() {
        return new Sigmoid();
    }

    /**
     * Flattens each sample to a vector: {@code (N, ...)} to {@code (N, D)}.
     *
     * @return a new block
     */
    public static Flatten flatten() {
        return new Flatten();
    }

    /**
     * Reshapes each sample, keeping the batch axis.
     *
     * @param sampleShape the shape of one output sample, for example {@code (128, 7, 7)}; one
     *     entry may be {@code -1} (inferred)
     * @return a new block
     * @throws IllegalArgumentException if the shape is empty, has an entry below 1 other than
     *     {@code -1}, or more than one {@code -1}
     */
    public static Reshape reshape(long... sampleShape) {
        return new Reshape(sampleShape);
    }

    /**
     * Layer normalisation over all values of each sample, with a scale and shift per channel
     * (axis 1) and epsilon {@value #LAYER_NORM_EPSILON}.
     *
     * @return a new block
     */
    public static LayerNorm layerNorm() {
        return new LayerNorm(LAYER_NORM_EPSILON);
    }

    /**
     * Layer normalisation with a given epsilon; see {@link #layerNorm()}.
     *
     * @param epsilon added to the variance, finite and {@code > 0}
     * @return a new block
     * @throws IllegalArgumentException if {@code epsilon} is out of range
     */
    public static LayerNorm layerNorm(float epsilon) {
        return new LayerNorm(epsilon);
    }

    /**
     * A residual connection {@code x + body(x)}.
     *
     * @param body the residual branch; must keep the input's shape
     * @return a new block
     */
    public static Residual residual(Block body) {
        return new Residual(body);
    }

    /**
     * Average pooling over non-overlapping {@code k x k} windows (kernel = stride, no padding).
     *
     * @param kernel the window size and stride, {@code >= 1}
     * @return a new block
     * @throws IllegalArgumentException if {@code kernel < 1}
     */
    public static AvgPool2d avgPool(int kernel) {
        return new AvgPool2d(kernel);
    }

    /**
     * Instance normalisation of images, each channel of each image over its own pixels.
     *
     * @param affine whether to learn a scale and shift per channel
     * @return a new {@link InstanceNorm}
     */
    public static InstanceNorm instanceNorm(boolean affine) {
        return new InstanceNorm(affine);
    }

    /**
     * Reflection padding of images by {@code padding} pixels on every side.
     *
     * @return a new {@link ReflectionPad}
     */
    public static ReflectionPad reflectionPad(int padding) {
        return new ReflectionPad(padding);
    }

    /**
     * Sub-pixel upsampling by {@code factor}.
     *
     * @return a new {@link PixelShuffle}
     */
    public static PixelShuffle pixelShuffle(int factor) {
        return new PixelShuffle(factor);
    }

    /**
     * Runs a single-input, single-output block on one array, for blocks that compose children
     * in their own forward pass.
     */
    public static NDArray forwardOne(Block block, ParameterStore parameterStore, NDArray x,
            boolean training, PairList<String, Object> params) {
        return block.forward(parameterStore, new NDList(x), training, params).singletonOrThrow();
    }

    /**
     * The parametric ReLU with one learned slope, starting at 0.25.
     *
     * @return a new {@link ParametricRelu}
     */
    public static ParametricRelu prelu() {
        return new ParametricRelu();
    }

    /**
     * A skip connection {@code concat(x, body(x))} along the channels (a U-Net level).
     *
     * @param body keeps the batch and the image size
     * @return a new {@link SkipConcat}
     */
    public static SkipConcat skipConcat(Block body) {
        return new SkipConcat(body);
    }

    /**
     * Dropout with masks from a gen4j stream.
     *
     * @param rate the probability of dropping a value, in [0, 1)
     * @param noise the stream holder the network's dropout blocks share
     * @param atInference whether it also drops in inference mode (pix2pix's noise)
     * @return a new {@link NoiseDropout}
     */
    public static NoiseDropout noiseDropout(float rate, NoiseDropout.Noise noise,
            boolean atInference) {
        return new NoiseDropout(rate, noise, atInference);
    }

    /** The single input of a block, or a clear error naming the block. */
    static NDArray single(Class<?> block, NDList inputs) {
        if (inputs.size() != 1) {
            throw new IllegalArgumentException(block.getSimpleName() + " expects 1 input but got "
                    + inputs.size());
        }
        return inputs.head();
    }

    /** The single input shape of a block, or a clear error naming the block. */
    static Shape single(Class<?> block, Shape[] inputShapes) {
        if (inputShapes.length != 1) {
            throw new IllegalArgumentException(block.getSimpleName() + " expects 1 input but got "
                    + inputShapes.length);
        }
        return inputShapes[0];
    }
}
