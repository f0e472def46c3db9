package org.gen4j.models.autoregressive.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.gen4j.models.autoregressive.nn.MaskedConv2d.MaskType;

/**
 * PixelRNN's Row LSTM layer (van den Oord et al., 2016): the rows are processed top to bottom,
 * each row at once. The input-to-state component is a {@code 1 x k} mask-B convolution of the
 * whole input map; the state-to-state component of row {@code r} is a 1-D convolution of width
 * 3 of the hidden states of row {@code r - 1} (a linear map of each column's state and its two
 * neighbours'). Its receptive field is a triangle above the pixel, plus the pixels to its left.
 */
public final class RowLstm extends PixelRnnLayer {

    private final MaskedConv2d inputToState;
    private final Linear stateToState;

    /**
     * A Row LSTM layer.
     *
     * @param in input channels
     * @param hidden hidden channels, a multiple of {@code colours}
     * @param kernel odd width of the input-to-state convolution
     * @param colours the colour groups of the masks
     */
    public RowLstm(int in, int hidden, int kernel, int colours) {
        super(hidden);
        inputToState = addChildBlock("input-to-state", new MaskedConv2d(in, 4 * hidden, 1,
                kernel, MaskType.B, colours));
        stateToState = addChildBlock("state-to-state", Linear.builder()
                .setUnits(4L * hidden).build());
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType,
            Shape... inputShapes) {
        Shape x = inputShapes[0];
        inputToState.initialize(manager, dataType, x);
        stateToState.initialize(manager, dataType, new Shape(x.get(0) * x.get(3), 3L * hidden));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        // (N, 4h, H, W) to rows (H, N, W, 4h)
        NDArray rows = one(inputToState, ps, x, training).transpose(2, 0, 3, 1);
        NDArray h = recur(rows, stateToState, RowLstm::withNeighbours, ps, training);
        return new NDList(h.transpose(1, 3, 0, 2));
    }

    /** Each column's state beside its left and right neighbours': {@code (N, W, 3h)}. */
    private static NDArray withNeighbours(NDArray h) {
        return NDArrays.concat(new NDList(shiftForward(h, 1), h, shiftBack(h, 1)), 2);
    }
}
