package org.gen4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Sub-pixel upsampling (Shi et al. 2016), as PyTorch's {@code PixelShuffle(r)} and SRGAN's
 * generator use it: {@code (N, C r^2, H, W)} to {@code (N, C, H r, W r)}, where output pixel
 * {@code (c, h r + i, w r + j)} is input channel {@code c r^2 + i r + j} at {@code (h, w)}.
 * A reshape and a transpose, differentiable on every engine. Create it with {@link
 * Layers#pixelShuffle(int)}.
 */
public final class PixelShuffle extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int factor;

    PixelShuffle(int factor) {
        super(VERSION);
        if (factor < 1) {
            throw new IllegalArgumentException("pixel shuffle factor must be >= 1, got " + factor);
        }
        this.factor = factor;
    }

    /** The upsampling factor r. */
    public int getFactor() {
        return factor;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = check(Layers.single(PixelShuffle.class, inputShapes));
        long r = factor;
        return new Shape[] {new Shape(in.get(0), in.get(1) / (r * r), in.get(2) * r,
                in.get(3) * r)};
    }

    private Shape check(Shape in) {
        if (in.dimension() != 4 || in.get(1) % ((long) factor * factor) != 0) {
            throw new IllegalArgumentException("PixelShuffle(" + factor + ") expects (N, C * "
                    + factor * factor + ", H, W) but got " + in);
        }
        return in;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs,
            boolean training, PairList<String, Object> params) {
        NDArray x = Layers.single(PixelShuffle.class, inputs);
        Shape s = check(x.getShape());
        long r = factor;
        long c = s.get(1) / (r * r);
        return new NDList(x.reshape(s.get(0), c, r, r, s.get(2), s.get(3))
                .transpose(0, 1, 4, 2, 5, 3).reshape(s.get(0), c, s.get(2) * r, s.get(3) * r));
    }
}
