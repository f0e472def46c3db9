package org.gen4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Instance normalisation (Ulyanov et al. 2016), as CycleGAN's and pix2pix's generators use it:
 * each channel of each image normalised over its own pixels, then an optional learned scale and
 * shift per channel. For {@code x} of shape {@code (N, C, H, W)}, with {@code mu} and {@code
 * sigma^2} the mean and biased variance of {@code x[n, c]} over H x W:
 *
 * <pre>
 *   y[n, c, h, w] = gamma[c] * (x[n, c, h, w] - mu[n, c]) / sqrt(sigma^2[n, c] + eps) + beta[c]
 * </pre>
 *
 * <p>It keeps no running statistics: training and inference compute the same thing, as PyTorch's
 * {@code InstanceNorm2d} does by default. {@code gamma} starts at 1 and {@code beta} at 0. Create
 * it with {@link Layers#instanceNorm(boolean)}.
 *
 * <p>On MXNet in training mode each channel of each image is a group of {@link
 * GroupNormalisation}: MKL-DNN's batch norm over {@code (1, N C, H W, 1)}, then the scale and
 * shift as a depthwise convolution. The formula's broadcasting operators, which every other case
 * runs, have single-threaded backward passes on MXNet: they took 31% of a CycleGAN step's
 * operator time (1.75 of 5.65 s at batch 8 under MXNet's profiler).
 */
public final class InstanceNorm extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final float EPSILON = 1e-5f;

    private final boolean affine;
    private final Parameter gamma;
    private final Parameter beta;

    InstanceNorm(boolean affine) {
        super(VERSION);
        this.affine = affine;
        gamma = affine ? addParameter(Parameter.builder().setName("gamma")
                .setType(Parameter.Type.GAMMA).build()) : null;
        beta = affine ? addParameter(Parameter.builder().setName("beta")
                .setType(Parameter.Type.BETA).build()) : null;
    }

    /** Whether it has a learned scale and shift. */
    public boolean isAffine() {
        return affine;
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape in = check(Layers.single(InstanceNorm.class, inputShapes));
        if (affine) {
            gamma.setShape(new Shape(in.get(1)));
            beta.setShape(new Shape(in.get(1)));
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {check(Layers.single(InstanceNorm.class, inputShapes))};
    }

    private static Shape check(Shape in) {
        if (in.dimension() != 4) {
            throw new IllegalArgumentException("InstanceNorm expects (N, C, H, W) but got " + in);
        }
        return in;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs,
            boolean training, PairList<String, Object> params) {
        NDArray x = Layers.single(InstanceNorm.class, inputs);
        Shape s = check(x.getShape());
        if (MxnetTrainingMode.isTraining(x.getManager())) {
            NDArray y = GroupNormalisation.normalise(x, s.get(0) * s.get(1), EPSILON);
            if (!affine) {
                return new NDList(y);
            }
            return new NDList(GroupNormalisation.scaleShift(y,
                    parameterStore.getValue(gamma, x.getDevice(), training),
                    parameterStore.getValue(beta, x.getDevice(), training)));
        }
        // One axis per reduction: the PyTorch engine's mean takes a single axis.
        NDArray flat = x.reshape(s.get(0), s.get(1), -1);
        NDArray mean = flat.mean(new int[] {2}, true);
        NDArray centred = flat.sub(mean);
        NDArray variance = centred.square().mean(new int[] {2}, true);
        NDArray y = centred.div(variance.add(EPSILON).sqrt()).reshape(s);
        if (!affine) {
            return new NDList(y);
        }
        return new NDList(y.mul(perChannel(parameterStore, gamma, x, training))
                .add(perChannel(parameterStore, beta, x, training)));
    }

    /**
     * A parameter as {@code (1, C, 1, 1)}, in the input's manager: a reshape of the parameter
     * would otherwise leave its result in the parameter's manager, which would grow every step.
     */
    private static NDArray perChannel(ParameterStore ps, Parameter p, NDArray x,
            boolean training) {
        NDArray shaped = ps.getValue(p, x.getDevice(), training).reshape(1, -1, 1, 1);
        shaped.attach(x.getManager());
        return shaped;
    }
}
