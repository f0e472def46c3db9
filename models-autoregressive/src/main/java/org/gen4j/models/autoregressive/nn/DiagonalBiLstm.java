package org.gen4j.models.autoregressive.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.gen4j.models.autoregressive.nn.MaskedConv2d.MaskType;

/**
 * PixelRNN's Diagonal BiLSTM layer (van den Oord et al., 2016): two diagonal LSTMs, one per
 * direction, whose summed outputs see the whole context above and to the left, with no blind
 * spot.
 *
 * <p>A diagonal LSTM skews the map (row {@code r} shifted right by {@code r}), so that the
 * diagonals become columns, and runs along them: the state of pixel {@code (r, c)} follows from
 * those of its left neighbour {@code (r, c - 1)} and the pixel above {@code (r - 1, c)} (a 2 x 1
 * state-to-state convolution in the skewed map), and its input-to-state component is a 1x1
 * mask-B convolution. The right-to-left direction runs the same on the mirrored map; its output,
 * mirrored back, has seen the current row's later pixels, so it is shifted down one row before
 * the two directions are added.
 *
 * <p>One departure from the paper: the right-to-left direction's input-to-state also reads the
 * image itself (a 1x1 convolution of the layer's input and the image together). Shifted down a
 * row, it may see all of the row above, and so it closes the one hole of the paper's
 * construction: without it, the last pixel of the row above, kept out of the layer's input at
 * its own position by the mask-A first layer, reaches a pixel only through the first kernel's
 * reach to the right.
 */
public final class DiagonalBiLstm extends PixelRnnLayer {

    private final Block[] inputToState = new Block[2];
    private final Linear[] stateToState = new Linear[2];
    private final int imageChannels;

    /**
     * A Diagonal BiLSTM layer, taking {@code (features, image)}.
     *
     * @param in feature channels
     * @param hidden hidden channels, a multiple of {@code colours}
     * @param colours the image's channels, and the colour groups of the masks
     */
    public DiagonalBiLstm(int in, int hidden, int colours) {
        super(hidden);
        this.imageChannels = colours;
        inputToState[0] = addChildBlock("left-to-right-input-to-state", MaskedConv2d.of(in,
                4 * hidden, 1, MaskType.B, colours));
        inputToState[1] = addChildBlock("right-to-left-input-to-state", Conv2d.builder()
                .setKernelShape(new Shape(1, 1)).setFilters(4 * hidden).build());
        for (int d = 0; d < 2; d++) {
            String dir = d == 0 ? "left-to-right" : "right-to-left";
            stateToState[d] = addChildBlock(dir + "-state-to-state", Linear.builder()
                    .setUnits(4L * hidden).build());
        }
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType,
            Shape... inputShapes) {
        Shape x = inputShapes[0];
        inputToState[0].initialize(manager, dataType, x);
        inputToState[1].initialize(manager, dataType, new Shape(x.get(0),
                x.get(1) + imageChannels, x.get(2), x.get(3)));
        for (int d = 0; d < 2; d++) {
            stateToState[d].initialize(manager, dataType, new Shape(x.get(0) * x.get(2),
                    2L * hidden));
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        if (inputs.size() != 2) {
            throw new IllegalArgumentException("a Diagonal BiLSTM layer takes (features,"
                    + " image), got " + inputs.size() + " arrays");
        }
        NDArray x = inputs.get(0);
        NDArray withImage = NDArrays.concat(new NDList(x, inputs.get(1)), 1);
        NDArray forward = direction(0, x, ps, training);
        NDArray backward = direction(1, withImage.flip(3), ps, training).flip(3);
        return new NDList(forward.add(shiftForward(backward, 2)));
    }

    /** One direction's diagonal LSTM over {@code x}, {@code (N, h, H, W)}. */
    private NDArray direction(int d, NDArray x, ParameterStore ps, boolean training) {
        long w = x.getShape().get(3);
        NDArray skewed = skew(one(inputToState[d], ps, x, training));
        // (N, 4h, H, L) to columns (L, N, H, 4h)
        NDArray h = recur(skewed.transpose(3, 0, 2, 1), stateToState[d],
                DiagonalBiLstm::withAbove, ps, training);
        return unskew(h.transpose(1, 3, 2, 0), w);
    }

    /** Each row's state beside the state of the row above: {@code (N, H, 2h)}. */
    private static NDArray withAbove(NDArray h) {
        return NDArrays.concat(new NDList(h, shiftForward(h, 1)), 2);
    }

    /**
     * Row {@code r} shifted right by {@code r}: {@code (N, C, H, W)} to {@code (N, C, H, W + H -
     * 1)}, zeros around. Padding each row with {@code H} zeros and reading the flat rows with a
     * stride one shorter shifts row {@code r} by {@code r}.
     */
    static NDArray skew(NDArray x) {
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        long l = w + h - 1;
        NDArray padded = NDArrays.concat(new NDList(x, x.getManager().zeros(new Shape(n, c, h,
                h), x.getDataType())), 3);
        return padded.reshape(n, c, h * (w + h)).get(slice(3, 2, 0, h * l))
                .reshape(n, c, h, l);
    }

    /** The inverse of {@link #skew}: {@code (N, C, H, L)} back to {@code (N, C, H, w)}. */
    static NDArray unskew(NDArray x, long w) {
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long l = s.get(3);
        NDArray flat = NDArrays.concat(new NDList(x.reshape(n, c, h * l), x.getManager()
                .zeros(new Shape(n, c, h), x.getDataType())), 2);
        return flat.reshape(n, c, h, l + 1).get(slice(4, 3, 0, w));
    }
}
