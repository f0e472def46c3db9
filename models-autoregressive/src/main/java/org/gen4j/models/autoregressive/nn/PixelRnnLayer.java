package org.gen4j.models.autoregressive.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;

/**
 * What the two PixelRNN layers share: an input-to-state masked convolution computed over the
 * whole map, a recurrence along one axis whose state-to-state step is a linear map of the
 * previous slice's hidden states and their neighbours, and the array shifts they need.
 */
abstract class PixelRnnLayer extends AbstractBlock {

    private static final byte VERSION = 1;

    /** Hidden channels. */
    final int hidden;

    PixelRnnLayer(int hidden) {
        super(VERSION);
        this.hidden = hidden;
    }

    /** The output shape: {@code hidden} maps of the input's size. */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        return new Shape[] {new Shape(x.get(0), hidden, x.get(2), x.get(3))};
    }

    static NDArray one(Block b, ParameterStore ps, NDArray x, boolean training) {
        return b.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    /**
     * Runs an LSTM along axis 0 of {@code steps} ({@code (T, N, S, 4h)} input-to-state
     * pre-activations), the state-to-state term of step {@code t} being {@code transition} of
     * the hidden states of step {@code t - 1} ({@code (N, S, h)}, with neighbours taken by
     * {@code neighbours}); returns the hidden states, {@code (T, N, S, h)}.
     */
    static NDArray recur(NDArray steps, Linear transition,
            java.util.function.UnaryOperator<NDArray> neighbours, ParameterStore ps,
            boolean training) {
        NDList slices = steps.split(steps.getShape().get(0), 0);
        NDList out = new NDList();
        NDArray h = null;
        NDArray c = null;
        for (NDArray slice : slices) {
            Shape s = slice.getShape();
            NDArray pre = slice.reshape(s.get(1), s.get(2), s.get(3));
            if (h != null) {
                NDArray context = neighbours.apply(h);
                Shape cs = context.getShape();
                NDArray ss = one(transition, ps, context.reshape(cs.get(0) * cs.get(1),
                        cs.get(2)), training).reshape(s.get(1), s.get(2), s.get(3));
                pre = pre.add(ss);
            }
            NDArray[] next = LstmGates.update(pre, c);
            c = next[0];
            h = next[1];
            out.add(h);
        }
        return NDArrays.stack(out, 0);
    }

    /** {@code x} shifted by one along {@code axis}, zeros entering: element i is element i - 1. */
    static NDArray shiftForward(NDArray x, int axis) {
        Shape s = x.getShape();
        long n = s.get(axis);
        long[] zero = s.getShape().clone();
        zero[axis] = 1;
        NDArray zeros = x.getManager().zeros(new Shape(zero), x.getDataType());
        if (n == 1) {
            return zeros;
        }
        return NDArrays.concat(new NDList(zeros, x.get(slice(s.dimension(), axis, 0, n - 1))),
                axis);
    }

    /** {@code x} shifted back by one along {@code axis}: element i is element i + 1. */
    static NDArray shiftBack(NDArray x, int axis) {
        Shape s = x.getShape();
        long n = s.get(axis);
        long[] zero = s.getShape().clone();
        zero[axis] = 1;
        NDArray zeros = x.getManager().zeros(new Shape(zero), x.getDataType());
        if (n == 1) {
            return zeros;
        }
        return NDArrays.concat(new NDList(x.get(slice(s.dimension(), axis, 1, n)), zeros),
                axis);
    }

    /** An index taking {@code [from, to)} along {@code axis} and everything elsewhere. */
    static NDIndex slice(int dimensions, int axis, long from, long to) {
        NDIndex index = new NDIndex();
        for (int d = 0; d < dimensions; d++) {
            if (d == axis) {
                index.addSliceDim(from, to);
            } else {
                index.addAllDim();
            }
        }
        return index;
    }
}
