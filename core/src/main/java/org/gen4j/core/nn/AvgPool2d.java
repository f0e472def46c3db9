package org.gen4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.gen4j.core.engine.Scalars;

/**
 * 2-D average pooling with a square window equal to its stride and no padding: {@code (N, C, H,
 * W)} to {@code (N, C, H / k, W / k)} (rounded down; trailing rows and columns that fill no window
 * are dropped). Create it with {@link Layers#avgPool(int)}.
 *
 * <p>It is the down-sampling of residual critics (the WGAN-GP paper's ResNet critic). Its input
 * gradient ({@link InputVjp}) spreads each output gradient evenly over its {@code k x k} window:
 * {@code g / k^2} repeated {@code k} times along height and width, with zeros for dropped rows and
 * columns.
 */
public final class AvgPool2d extends AbstractBlock implements InputVjp {

    private static final byte VERSION = 1;

    private final int kernel;

    AvgPool2d(int kernel) {
        super(VERSION);
        if (kernel < 1) {
            throw new IllegalArgumentException("avgPool kernel must be >= 1, got " + kernel);
        }
        this.kernel = kernel;
    }

    /**
     * The window size, equal to the stride.
     *
     * @return {@code k}
     */
    public int getKernel() {
        return kernel;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray x = Layers.single(AvgPool2d.class, inputs);
        outputShape(x.getShape());
        Shape k = new Shape(kernel, kernel);
        return new NDList(Pool.avgPool2d(x, k, k, new Shape(0, 0), false, true));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {outputShape(Layers.single(AvgPool2d.class, inputShapes))};
    }

    private Shape outputShape(Shape in) {
        if (in.dimension() != 4 || in.get(2) < kernel || in.get(3) < kernel) {
            throw new IllegalArgumentException("AvgPool2d with kernel " + kernel
                    + " expects (N, C, H, W) with H, W >= " + kernel + " but got " + in);
        }
        return new Shape(in.get(0), in.get(1), in.get(2) / kernel, in.get(3) / kernel);
    }

    /** {@inheritDoc} */
    @Override
    public NDArray inputVjp(
            ParameterStore parameterStore, NDArray input, NDArray output, NDArray outputGradient) {
        NDArray g = Scalars.div(outputGradient, kernel * kernel);
        if (kernel > 1) {
            g = g.repeat(2, kernel).repeat(3, kernel);
        }
        Shape in = input.getShape();
        Shape covered = g.getShape();
        if (covered.get(3) < in.get(3)) {
            g = g.concat(g.getManager().zeros(new Shape(in.get(0), in.get(1), covered.get(2),
                    in.get(3) - covered.get(3)), g.getDataType(), g.getDevice()), 3);
        }
        if (covered.get(2) < in.get(2)) {
            g = g.concat(g.getManager().zeros(new Shape(in.get(0), in.get(1),
                    in.get(2) - covered.get(2), in.get(3)), g.getDataType(), g.getDevice()), 2);
        }
        return g;
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return "AvgPool2d(" + kernel + ")";
    }
}
