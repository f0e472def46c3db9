package org.gen4j.models.gan.progan;

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
import org.gen4j.core.engine.HostArrays;

/**
 * A linear or 2-D convolution layer with ProGAN's equalised learning rate (Karras et al. 2018,
 * section 4.1): the weight is stored as N(0, 1) values (the procedure initialises ProGAN's
 * networks with std 1) and scaled at run time by He's constant {@code gain / sqrt(fan_in)}, so
 * that Adam's scale-free steps move every layer's effective weights at the same relative speed.
 * The bias is not scaled and starts at zero. Convolutions keep the size ({@code padding = k / 2},
 * stride 1).
 */
final class EqualizedLayer extends AbstractBlock {

    private static final byte VERSION = 1;

    private final boolean convolution;
    private final long units;
    private final int kernel;
    private final float gain;
    private final Parameter weight;
    private final Parameter bias;
    private float scale;

    private EqualizedLayer(boolean convolution, long units, int kernel, float gain) {
        super(VERSION);
        this.convolution = convolution;
        this.units = units;
        this.kernel = kernel;
        this.gain = gain;
        this.weight = addParameter(Parameter.builder().setName("weight")
                .setType(Parameter.Type.WEIGHT).build());
        this.bias = addParameter(Parameter.builder().setName("bias")
                .setType(Parameter.Type.BIAS).build());
    }

    /** A fully connected layer with He gain sqrt(2) (or {@code gain}). */
    static EqualizedLayer linear(long units, float gain) {
        return new EqualizedLayer(false, units, 0, gain);
    }

    /** A k x k convolution keeping the size, He gain sqrt(2). */
    static EqualizedLayer conv(long filters, int kernel) {
        return conv(filters, kernel, (float) Math.sqrt(2));
    }

    /** A k x k convolution keeping the size, with a gain of its own (1 for toRGB). */
    static EqualizedLayer conv(long filters, int kernel, float gain) {
        return new EqualizedLayer(true, filters, kernel, gain);
    }

    @Override
    public void prepare(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        long fanIn;
        if (convolution) {
            weight.setShape(new Shape(units, in.get(1), kernel, kernel));
            fanIn = in.get(1) * kernel * kernel;
        } else {
            weight.setShape(new Shape(units, in.get(1)));
            fanIn = in.get(1);
        }
        bias.setShape(new Shape(units));
        scale = (float) (gain / Math.sqrt(fanIn));
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs,
            boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = parameterStore.getValue(weight, x.getDevice(), training);
        NDArray b = parameterStore.getValue(bias, x.getDevice(), training);
        // x first: an operation on the parameter would leave its result in the parameter's
        // manager, which would grow every step.
        NDArray scaled = HostArrays.scalar(x.getManager(), scale).mul(w);
        if (convolution) {
            int p = kernel / 2;
            return Conv2d.conv2d(x, scaled, b, new Shape(1, 1), new Shape(p, p), new Shape(1, 1));
        }
        return Linear.linear(x, scaled, b);
    }

    /** The run-time factor on the stored weight. */
    float scale() {
        return scale;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {convolution ? new Shape(in.get(0), units, in.get(2), in.get(3))
                : new Shape(in.get(0), units)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType,
            Shape... inputShapes) {
        // No children.
    }
}
