package org.gen4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;
import org.gen4j.core.engine.Scalars;

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
 * which also differentiates twice), with the scale and shift broadcast over the positions; for an
 * image on MXNet in training mode, a per-sample batch norm and a depthwise convolution instead,
 * whose backward passes are MKL-DNN's rather than MXNet's reference layer-norm backward. Unlike
 * DJL's {@code LayerNorm} block it needs no axes, and its input gradient is known ({@link
 * InputVjp}), written in forward operations (the means over each sample as matrix products, the
 * scale per channel of an image as a depthwise convolution) so that a gradient penalty can
 * differentiate it:
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
        if (s.dimension() == 4 && MxnetTrainingMode.isTraining(x.getManager())) {
            // Each sample a group, through MKL-DNN's batch norm (GroupNormalisation).
            NDArray normalised = GroupNormalisation.normalise(x, s.get(0), epsilon);
            return new NDList(affine(parameterStore, normalised, true, training));
        }
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
        Reductions r = new Reductions(input);
        // The statistics of each sample, recomputed in recorded operations.
        NDArray flat = input.reshape(n, -1);
        NDArray centred = flat.sub(r.expand(r.mean(flat)));
        NDArray invStd = Scalars.pow(r.mean(centred.mul(centred)).add(epsilon), -0.5);
        NDArray normalised = centred.mul(r.expand(invStd));
        NDArray h = affine(parameterStore, outputGradient, false, true).reshape(n, -1);
        NDArray meanH = r.mean(h);
        NDArray meanHx = r.mean(h.mul(normalised));
        return h.sub(r.expand(meanH)).sub(normalised.mul(r.expand(meanHx)))
                .mul(r.expand(invStd)).reshape(s);
    }

    /**
     * {@code g * gamma} (and {@code + beta} if {@code shift}) per channel. For an image {@code
     * (N, C, H, W)} it is a depthwise 1 x 1 convolution ({@link GroupNormalisation#scaleShift}):
     * the same products, but MXNet differentiates a broadcasting multiply with a single-threaded
     * reduction over the broadcast axes.
     */
    private NDArray affine(
            ParameterStore parameterStore, NDArray g, boolean shift, boolean training) {
        NDArray scale = perChannel(parameterStore, gamma, g, training);
        NDArray offset = shift ? parameterStore.getValue(beta, g.getDevice(), training) : null;
        if (g.getShape().dimension() != 4) {
            NDArray y = g.mul(scale);
            return offset == null ? y : y.add(perChannel(parameterStore, beta, g, training));
        }
        return GroupNormalisation.scaleShift(g, scale, offset);
    }

    /**
     * Means over each row of an {@code (N, D)} array and their broadcast back to {@code (N, D)},
     * as matrix products with constant weights: a linear layer's forward and backward run on all
     * threads, where MXNet's mean over an axis and the backward of a broadcasting operator reduce
     * on one (the layer norm's input gradient spent more in them than the critic's convolutions
     * did in the WGAN-GP penalty). The products sum in float as the means did.
     */
    private static final class Reductions {
        private final long d;
        private final NDArray sumWeight;
        private final NDArray expandWeight;

        Reductions(NDArray x) {
            Shape s = x.getShape();
            d = s.size() / s.get(0);
            NDManager manager = x.getManager();
            sumWeight = manager.ones(new Shape(1, d), x.getDataType(), x.getDevice());
            expandWeight = manager.ones(new Shape(d, 1), x.getDataType(), x.getDevice());
        }

        /** {@code (N, D) -> (N, 1)}: the mean of each row (its sum, divided: exact weights). */
        NDArray mean(NDArray rows) {
            return Scalars.div(Linear.linear(rows, sumWeight).singletonOrThrow(), d);
        }

        /** {@code (N, 1) -> (N, D)}: each row's value repeated. */
        NDArray expand(NDArray column) {
            return Linear.linear(column, expandWeight).singletonOrThrow();
        }
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
