package org.gen4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.gen4j.core.random.RandomStream;

/**
 * A linear or 2-D convolution layer whose weight is divided by its largest singular value
 * (spectral normalisation, Miyato et al. 2018, <a href="https://arxiv.org/abs/1802.05957">
 * arXiv:1802.05957</a>), so that the layer is 1-Lipschitz.
 *
 * <p>The weight {@code W} is viewed as a matrix {@code (out, in * kh * kw)}. The singular value
 * is estimated by power iteration with persistent vectors {@code u} (out) and {@code v} (in):
 * each forward pass in training runs {@code iterations} steps {@code v = n(W^T u), u = n(W v)}
 * ({@code n} normalises to unit length, with an epsilon of 1e-12) on the weight's values, and
 * stores {@code u} and {@code v}; then {@code sigma = u^T W v}, where u and v are constants and
 * the gradient reaches W through sigma as well as through {@code W / sigma}, as in the paper and
 * PyTorch's {@code spectral_norm}. Inference uses the stored vectors without iterating, so it
 * sees the sigma of the last training pass.
 *
 * <p>{@code u} and {@code v} are parameters of the block that take no gradient (type {@code
 * OTHER}), so they are saved with the network's parameters and a resumed run continues the same
 * iteration. They start as seeded normal vectors.
 */
public final class SpectralNorm extends AbstractBlock implements InputVjp {

    private static final byte VERSION = 1;
    private static final float EPSILON = 1e-12f;

    private final boolean convolution;
    private final long units;
    private final Shape kernel;
    private final Shape stride;
    private final Shape padding;
    private final int iterations;
    private final Parameter weight;
    private final Parameter bias;
    private final Parameter u;
    private final Parameter v;

    private SpectralNorm(boolean convolution, long units, Shape kernel, Shape stride,
            Shape padding, boolean hasBias, int iterations, long seed) {
        super(VERSION);
        if (units < 1) {
            throw new IllegalArgumentException("spectral-norm layer needs at least 1 output, got "
                    + units);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("spectral-norm power iterations must be >= 1, got "
                    + iterations);
        }
        this.convolution = convolution;
        this.units = units;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.iterations = iterations;
        this.weight = addParameter(Parameter.builder().setName("weight")
                .setType(Parameter.Type.WEIGHT).build());
        this.bias = hasBias ? addParameter(Parameter.builder().setName("bias")
                .setType(Parameter.Type.BIAS).build()) : null;
        this.u = addParameter(Parameter.builder().setName("u").setType(Parameter.Type.OTHER)
                .optRequiresGrad(false).optInitializer(new SeededNormalInitializer(
                        RandomStream.derive(seed, "spectral-norm-u"), 0f, 1f)).build());
        this.v = addParameter(Parameter.builder().setName("v").setType(Parameter.Type.OTHER)
                .optRequiresGrad(false).optInitializer(new SeededNormalInitializer(
                        RandomStream.derive(seed, "spectral-norm-v"), 0f, 1f)).build());
    }

    /**
     * A spectrally normalised fully connected layer on {@code (N, in)} inputs.
     *
     * @param units the outputs
     * @param hasBias whether it adds a bias (not normalised)
     * @param iterations power iterations per training pass (1 in the paper)
     * @param seed the seed of the starting vectors
     */
    public static SpectralNorm linear(long units, boolean hasBias, int iterations, long seed) {
        return new SpectralNorm(false, units, null, null, null, hasBias, iterations, seed);
    }

    /**
     * A spectrally normalised 2-D convolution (dilation 1, one group) on {@code (N, C, H, W)}.
     *
     * @param filters the output channels
     * @param kernel the kernel's size; {@code stride} and {@code padding} as for {@link Conv2d}
     */
    public static SpectralNorm conv2d(long filters, int kernel, int stride, int padding,
            boolean hasBias, int iterations, long seed) {
        return new SpectralNorm(true, filters, new Shape(kernel, kernel), new Shape(stride,
                stride), new Shape(padding, padding), hasBias, iterations, seed);
    }

    /** The power iterations per training pass. */
    public int iterations() {
        return iterations;
    }

    @Override
    public void prepare(Shape[] inputShapes) {
        Shape in = Layers.single(SpectralNorm.class, inputShapes);
        long fanIn;
        if (convolution) {
            if (in.dimension() != 4) {
                throw new IllegalArgumentException("spectral-norm conv2d takes (N, C, H, W), got "
                        + in);
            }
            weight.setShape(new Shape(units, in.get(1), kernel.get(0), kernel.get(1)));
            fanIn = in.get(1) * kernel.get(0) * kernel.get(1);
        } else {
            if (in.dimension() != 2) {
                throw new IllegalArgumentException("spectral-norm linear takes (N, in), got "
                        + in);
            }
            weight.setShape(new Shape(units, in.get(1)));
            fanIn = in.get(1);
        }
        if (bias != null) {
            bias.setShape(new Shape(units));
        }
        u.setShape(new Shape(units));
        v.setShape(new Shape(fanIn));
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs,
            boolean training, PairList<String, Object> params) {
        NDArray x = Layers.single(SpectralNorm.class, inputs);
        NDArray w = normalisedWeight(parameterStore, x, training, training);
        NDArray b = bias == null ? null : parameterStore.getValue(bias, x.getDevice(), training);
        return convolution
                ? Conv2d.conv2d(x, w, b, stride, padding, new Shape(1, 1))
                : Linear.linear(x, w, b);
    }

    /**
     * {@code W / sigma}, in the manager of {@code like} (an operation on a parameter would leave
     * its result in the parameter's manager, growing it every step).
     *
     * @param iterate whether to run the power iteration first (training passes)
     */
    private NDArray normalisedWeight(ParameterStore parameterStore, NDArray like,
            boolean training, boolean iterate) {
        NDManager m = like.getManager();
        NDArray w = parameterStore.getValue(weight, like.getDevice(), training);
        NDArray uArray = parameterStore.getValue(u, like.getDevice(), false);
        NDArray vArray = parameterStore.getValue(v, like.getDevice(), false);
        NDArray matrix = owned(w.reshape(units, -1), m);
        if (iterate) {
            NDArray constant = matrix.stopGradient();
            NDArray left = owned(uArray.duplicate(), m);
            NDArray right = null;
            for (int i = 0; i < iterations; i++) {
                right = normalised(times(constant.transpose(), left));
                left = normalised(times(constant, right));
            }
            left.copyTo(uArray);
            right.copyTo(vArray);
        }
        // Copies, not views: the next training pass writes u and v in place, which PyTorch's
        // autograd refuses for arrays a pending backward pass still reads.
        NDArray left = owned(uArray.duplicate(), m);
        NDArray right = owned(vArray.duplicate(), m);
        NDArray sigma = left.mul(times(matrix, right)).sum();
        return matrix.div(sigma).reshape(w.getShape());
    }

    /**
     * The input gradient: that of the linear map or convolution with the normalised weight, the
     * weight recomputed from the stored vectors without iterating (the forward pass already did),
     * so the route's second derivative reaches W through sigma too.
     */
    @Override
    public NDArray inputVjp(ParameterStore parameterStore, NDArray input, NDArray output,
            NDArray outputGradient) {
        NDArray w = normalisedWeight(parameterStore, outputGradient, true, false);
        if (!convolution) {
            return outputGradient.matMul(w);
        }
        return TransposedConvolution.conv2dInputGradient(outputGradient, w, stride, padding,
                input.getShape());
    }

    /**
     * The largest singular value of the weight as the layer now estimates it, {@code u^T W v}
     * with the stored vectors.
     */
    public float sigma() {
        NDArray w = weight.getArray();
        try (NDManager m = w.getManager().newSubManager()) {
            NDArray matrix = owned(w.reshape(units, -1), m);
            NDArray left = owned(u.getArray().duplicate(), m);
            NDArray right = owned(v.getArray().duplicate(), m);
            return left.mul(times(matrix, right)).sum().getFloat();
        }
    }

    /** A matrix times a vector, written with matMul (PyTorch's dot takes two vectors only). */
    private static NDArray times(NDArray matrix, NDArray vector) {
        return matrix.matMul(vector.reshape(-1, 1)).reshape(-1);
    }

    private static NDArray owned(NDArray a, NDManager m) {
        a.attach(m);
        return a;
    }

    private static NDArray normalised(NDArray a) {
        return a.div(a.norm().add(EPSILON));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = Layers.single(SpectralNorm.class, inputShapes);
        if (!convolution) {
            return new Shape[] {new Shape(in.get(0), units)};
        }
        long h = (in.get(2) + 2 * padding.get(0) - kernel.get(0)) / stride.get(0) + 1;
        long w = (in.get(3) + 2 * padding.get(1) - kernel.get(1)) / stride.get(1) + 1;
        return new Shape[] {new Shape(in.get(0), units, h, w)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType,
            Shape... inputShapes) {
        // No children.
    }

    @Override
    public String toString() {
        return "SpectralNorm(" + (convolution ? "conv2d " + kernel + " stride " + stride
                + " padding " + padding : "linear") + ", " + units + " outputs)";
    }
}
