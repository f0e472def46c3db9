package org.gen4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A parameter-free block that maps one input to one output of the same shape, element by element,
 * and knows its input gradient.
 */
abstract class ElementwiseBlock extends AbstractBlock implements InputVjp {

    /**
     * The version of DJL's {@code LambdaBlock}, which this block replaces in gen4j's networks: the
     * parameter stream is then byte for byte the same (the version and the input shapes), so
     * parameter files written with DJL's lambda activations, flatten and reshape load unchanged.
     */
    private static final byte VERSION = 2;

    ElementwiseBlock() {
        super(VERSION);
    }

    /** The function, applied to every element of {@code x}. */
    abstract NDArray apply(NDArray x);

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        return new NDList(apply(Layers.single(getClass(), inputs)));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {Layers.single(getClass(), inputShapes)};
    }

    /**
     * Zero-one mask of the positive elements of {@code x}, in {@code x}'s data type and manager.
     * It is a constant for autograd: its derivative is zero wherever it exists.
     */
    static NDArray positive(NDArray x) {
        return x.stopGradient().gt(0).toType(x.getDataType(), false);
    }
}
