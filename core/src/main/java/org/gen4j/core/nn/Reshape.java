package org.gen4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;

/**
 * Reshapes each sample, keeping the batch axis: {@code (N, ...)} to {@code (N, sampleShape...)};
 * create it with {@link Layers#reshape(long...)}.
 *
 * <p>One entry of the sample shape may be {@code -1}: it is inferred from the input's size. It
 * replaces a DJL {@code LambdaBlock} around {@code reshape}, which is opaque to a gradient
 * penalty. Its input gradient is the output gradient reshaped back to the input's shape.
 */
public final class Reshape extends AbstractBlock implements InputVjp {

    /**
     * The version of DJL's {@code LambdaBlock}, which this block replaces in gen4j's networks: the
     * parameter stream is then byte for byte the same (the version and the input shapes), so
     * parameter files written with DJL's lambda activations, flatten and reshape load unchanged.
     */
    private static final byte VERSION = 2;

    private final long[] sampleShape;

    Reshape(long... sampleShape) {
        super(VERSION);
        if (sampleShape == null || sampleShape.length == 0) {
            throw new IllegalArgumentException(
                    "reshape needs the shape of one sample, for example (128, 7, 7); got none");
        }
        int inferred = 0;
        for (long d : sampleShape) {
            if (d == -1) {
                inferred++;
            } else if (d < 1) {
                throw new IllegalArgumentException("reshape sample shape entries must be >= 1 or"
                        + " -1 (inferred), got " + Arrays.toString(sampleShape));
            }
        }
        if (inferred > 1) {
            throw new IllegalArgumentException("reshape sample shape may have at most one -1,"
                    + " got " + Arrays.toString(sampleShape));
        }
        this.sampleShape = sampleShape.clone();
    }

    /**
     * The target shape of one sample, as given (possibly with one {@code -1}).
     *
     * @return a copy of the sample shape
     */
    public long[] getSampleShape() {
        return sampleShape.clone();
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray x = Layers.single(Reshape.class, inputs);
        return new NDList(x.reshape(target(x.getShape())));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {target(Layers.single(Reshape.class, inputShapes))};
    }

    private Shape target(Shape in) {
        if (in.dimension() < 1) {
            throw new IllegalArgumentException("Reshape expects (N, ...) but got a scalar " + in);
        }
        long size = in.slice(1).size();
        long known = 1;
        int unknown = -1;
        for (int i = 0; i < sampleShape.length; i++) {
            if (sampleShape[i] == -1) {
                unknown = i;
            } else {
                known *= sampleShape[i];
            }
        }
        long[] dims = new long[sampleShape.length + 1];
        dims[0] = in.get(0);
        System.arraycopy(sampleShape, 0, dims, 1, sampleShape.length);
        if (unknown >= 0 ? size % known != 0 : size != known) {
            throw new IllegalArgumentException("Reshape cannot make samples of " + in
                    + " (size " + size + ") into " + Arrays.toString(sampleShape));
        }
        if (unknown >= 0) {
            dims[unknown + 1] = size / known;
        }
        return new Shape(dims);
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
        return "Reshape(N, " + Arrays.toString(sampleShape).replaceAll("[\\[\\]]", "") + ")";
    }
}
