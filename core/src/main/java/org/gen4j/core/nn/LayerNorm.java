package org.gen4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;

/**
 * Layer normalisation per sample over all its values, with a learned scale and shift per channel:
 * the normalisation of the WGAN-GP paper's critic (Gulrajani et al. 2017,
 * https://arxiv.org/abs/1704.00028), which cannot use BatchNorm. Create it with {@link
 * Layers#layerNorm()}.
 *
 * <p>For an input {@code x} of shape {@code (N, C, ...)}, with {@code mu_n} and {@code
 * sigma_n^2} the mean and (biased) variance of sample {@code n} over all its {@code C * ...}
 * values:
 *
 * <pre>
 *   y[n, c, ...] = gamma[c] * (x[n, c, ...] - mu_n) / sqrt(sigma_n^2 + epsilon) + beta[c]
 * </pre>
 *
 * <p>{@code gamma} (type {@code GAMMA}, initialised to 1) and {@code beta} (type {@code BETA},
 * initialised to 0) have shape {@code (C)}. For a 2-D input {@code (N, D)} this is the usual layer
 * normalisation with a scale and shift per feature. The forward pass is the engine's fused layer
 * norm over each sample's values (MXNet's {@code _npx_layer_norm}, libtorch's {@code layer_norm},
 * which also differentiates twice), with the scale and shift broadcast over the positions. Unlike
 * DJL's {@code LayerNorm} block it needs no axes, and its input gradient is known ({@link
 * InputVjp}), written in forward operations with one-axis reductions (the PyTorch engine's {@code
 * mean} takes a single axis) so that a gradient penalty can differentiate it:
 *
 * <pre>
 *   h = g * gamma;   dx = (h - mean_n(h) - xhat * mean_n(h * xhat)) / sqrt(sigma_n^2 + epsilon)
 * </pre>
 *
 * <p>where {@code xhat} is the normalised input and the means run over each sample. Each sample is
 * normalised on its own, so per-sample input gradients are exact.
 */
public final class LayerNorm extends AbstractBlock implements InputVjp {

    private static final byte VERSION = 1;

    private final float epsilon;
    private final Parameter gamma;
    private final Parameter beta;

    LayerNorm(float epsilon) {
        super(VERSION);
        if (!(epsilon > 0) || !Float.isFinite(epsilon)) {
            throw new IllegalArgumentException(
                    "layer norm epsilon must be finite and > 0, got " + epsilon);
        }
        this.epsilon = epsilon;
        gamma = addParameter(
                Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).build());
        beta = addParameter(
                Parameter.builder().setName("beta").setType(Parameter.Type.BETA).build());
    }

    /**
     * The constant added to the variance before the square root.
     *
     * @return epsilon, default {@code 1e-5}
     */
    public float getEpsilon() {
        return epsilon;
    }

    /** {@inheritDoc} */
    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape in = check(Layers.single(LayerNorm.class, inputShapes));
        gamma.setShape(new Shape(in.get(1)));
        beta.setShape(new Shape(in.get(1)));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {check(Layers.single(LayerNorm.class, inputShapes))};
    }

    private static Shape check(Shape in) {
        if (in.dimension() < 2) {
            throw new IllegalArgumentException("LayerNorm expects (N, C, ...) but got " + in);
        }
        return in;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray x = Layers.single(LayerNorm.class, inputs);
        Shape s = check(x.getShape());
        // The engine's fused layer norm over each sample's values, with the per-channel scale
        // and shift broadcast over the positions: one operator and its backward instead of the
        // eight broadcasting operators of the formula (the critic's cost on MXNet).
        Shape values = s.slice(1);
        NDArray g = perValue(parameterStore, gamma, x, training);
        NDArray b = perValue(parameterStore, beta, x, training);
        NDArray y = x.getNDArrayInternal().layerNorm(x, values, g, b, epsilon).singletonOrThrow();
        return new NDList(y);
    }

    /** {@inheritDoc} */
    @Override
    public NDArray inputVjp(
            ParameterStore parameterStore, NDArray input, NDArray output, NDArray outputGradient) {
        Shape s = input.getShape();
        long n = s.get(0);
        Statistics st = normalise(input);
        NDArray h = outputGradient.mul(perChannel(parameterStore, gamma, input, true))
                .reshape(n, -1);
        int[] perSample = {1};
        NDArray meanH = h.mean(perSample, true);
        NDArray meanHx = h.mul(st.normalised).mean(perSample, true);
        return h.sub(meanH).sub(st.normalised.mul(meanHx)).div(st.std).reshape(s);
    }

    /** The normalised input {@code (N, C * ...)} and the per-sample deviation {@code (N, 1)}. */
    private record Statistics(NDArray normalised, NDArray std) {}

    private Statistics normalise(NDArray x) {
        long n = x.getShape().get(0);
        // One axis at a time: the PyTorch engine's mean takes a single axis.
        int[] perSample = {1};
        NDArray flat = x.reshape(n, -1);
        NDArray centred = flat.sub(flat.mean(perSample, true));
        NDArray std = centred.square().mean(perSample, true).add(epsilon).sqrt();
        return new Statistics(centred.div(std), std);
    }

    /**
     * A per-channel parameter shaped to broadcast against {@code x}: {@code (C, 1, ..., 1)}. The
     * reshape's result would belong to the model's manager (its first operand is the parameter),
     * so it is attached to {@code x}'s manager, which a training step closes.
     */
    private static NDArray perChannel(
            ParameterStore parameterStore, Parameter p, NDArray x, boolean training) {
        NDArray value = parameterStore.getValue(p, x.getDevice(), training);
        if (value.getShape().get(0) != x.getShape().get(1)) {
            throw new IllegalArgumentException("LayerNorm was initialised for "
                    + value.getShape().get(0) + " channels but got an input " + x.getShape());
        }
        int rank = x.getShape().dimension();
        if (rank == 2) {
            return value;
        }
        long[] dims = new long[rank - 1];
        Arrays.fill(dims, 1);
        dims[0] = value.getShape().get(0);
        NDArray shaped = value.reshape(dims);
        shaped.attach(x.getManager());
        return shaped;
    }

    /**
     * A per-channel parameter broadcast to one sample's shape {@code (C, ...)}, the scale or shift
     * of each value; its gradient sums back over the positions.
     */
    private static NDArray perValue(
            ParameterStore parameterStore, Parameter p, NDArray x, boolean training) {
        NDArray shaped = perChannel(parameterStore, p, x, training);
        Shape values = x.getShape().slice(1);
        if (shaped.getShape().equals(values)) {
            return shaped;
        }
        NDArray full = shaped.broadcast(values);
        full.attach(x.getManager());
        return full;
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return "LayerNorm(epsilon=" + epsilon + ")";
    }
}
