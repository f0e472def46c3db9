package org.gen4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Objects;

/**
 * A skip connection that concatenates, {@code y = concat(x, body(x))} along the channels: the
 * U-Net's link from each encoder level to the decoder level of the same size. For {@code x} of
 * shape {@code (N, C, H, W)} and a body giving {@code (N, C', H, W)}, {@code y} is {@code (N, C +
 * C', H, W)}. Create it with {@link Layers#skipConcat(Block)}.
 */
public final class SkipConcat extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Block body;

    SkipConcat(Block body) {
        super(VERSION);
        this.body = addChildBlock("body", Objects.requireNonNull(body, "body is null"));
    }

    /** The block whose output is appended to the input. */
    public Block getBody() {
        return body;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs,
            boolean training, PairList<String, Object> params) {
        NDArray x = Layers.single(SkipConcat.class, inputs);
        NDArray branch = body.forward(parameterStore, inputs, training, params).singletonOrThrow();
        check(x.getShape(), branch.getShape());
        return new NDList(x.concat(branch, 1));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType,
            Shape... inputShapes) {
        body.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = Layers.single(SkipConcat.class, inputShapes);
        Shape out = body.getOutputShapes(inputShapes)[0];
        check(in, out);
        return new Shape[] {new Shape(in.get(0), in.get(1) + out.get(1), in.get(2), in.get(3))};
    }

    private static void check(Shape in, Shape out) {
        if (in.dimension() != 4 || out.dimension() != 4 || in.get(0) != out.get(0)
                || in.get(2) != out.get(2) || in.get(3) != out.get(3)) {
            throw new IllegalArgumentException("SkipConcat body must keep the batch and the"
                    + " image size of its input " + in + " but gives " + out);
        }
    }

    @Override
    public String toString() {
        return "SkipConcat(" + body + ")";
    }
}
