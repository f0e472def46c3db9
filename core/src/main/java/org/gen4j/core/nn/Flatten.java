package org.gen4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Flattens each sample: {@code (N, d1, d2, ...)} to {@code (N, d1 * d2 * ...)}; create it with
 * {@link Layers#flatten()}.
 *
 * <p>It replaces DJL's {@code Blocks.batchFlattenBlock()}, an opaque lambda. Its input gradient
 * is the output gradient reshaped back to the input's shape.
 */
public final class Flatten extends AbstractBlock implements InputVjp {

    /**
     * The version of DJL's {@code LambdaBlock}, which this block replaces in gen4j's networks: the
     * parameter stream is then byte for byte the same (the version and the input shapes), so
     * parameter files written with DJL's lambda activations, flatten and reshape load unchanged.
     */
    private static final byte VERSION = 2;

    Flatten() {
        super(VERSION);
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray x = Layers.single(Flatten.class, inputs);
        return new NDList(x.reshape(flat(x.getShape())));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {flat(Layers.single(Flatten.class, inputShapes))};
    }

    private static Shape flat(Shape in) {
        if (in.dimension() < 1) {
            throw new IllegalArgumentException("Flatten expects (N, ...) but got a scalar " + in);
        }
        return new Shape(in.get(0), in.slice(1).size());
    }

    /** {@inheritDoc} */
    @Override
    public NDArray inputVjp(
            ParameterStore parameterStore, NDArray input, NDArray output, NDArray outputGradient) {
        return outputGradient.reshape(input.getShape());
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return "Flatten()";
    }
}
