package org.gen4j.models.autoregressive.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.gen4j.models.autoregressive.nn.MaskedConv2d.MaskType;

/**
 * A PixelRNN (van den Oord et al., 2016): a mask-A convolution of the image to {@code hidden}
 * maps, LSTM layers ({@link RowLstm} or {@link DiagonalBiLstm}) each added to its input (a
 * residual connection), then ReLU, a 1x1 mask-B convolution, ReLU and a 1x1 mask-B convolution
 * to the outputs. A Diagonal BiLSTM layer also reads the image.
 */
public final class PixelRnn extends AbstractBlock {

    private static final byte VERSION = 1;

    private final MaskedConv2d first;
    private final List<PixelRnnLayer> layers = new ArrayList<>();
    private final MaskedConv2d head;
    private final MaskedConv2d output;
    private final int hidden;

    /**
     * The network.
     *
     * @param colours image channels, 1 or 3
     * @param hidden hidden channels, a multiple of {@code colours}
     * @param layers the LSTM layers
     * @param firstKernel the odd kernel of the first convolution
     * @param diagonal Diagonal BiLSTM layers, else Row LSTM layers
     * @param kernel the Row LSTM's input-to-state width
     * @param outputs outputs per value
     */
    public PixelRnn(int colours, int hidden, int layers, int firstKernel, boolean diagonal,
            int kernel, int outputs) {
        super(VERSION);
        this.hidden = hidden;
        first = addChildBlock("first", MaskedConv2d.of(colours, hidden, firstKernel, MaskType.A,
                colours));
        for (int l = 0; l < layers; l++) {
            this.layers.add(addChildBlock("lstm" + l, diagonal
                    ? new DiagonalBiLstm(hidden, hidden, colours)
                    : new RowLstm(hidden, hidden, kernel, colours)));
        }
        head = addChildBlock("head", MaskedConv2d.of(hidden, hidden, 1, MaskType.B, colours));
        output = addChildBlock("output", MaskedConv2d.of(hidden, outputs * colours, 1,
                MaskType.B, colours));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType,
            Shape... inputShapes) {
        Shape x = inputShapes[0];
        Shape h = new Shape(x.get(0), hidden, x.get(2), x.get(3));
        first.initialize(manager, dataType, x);
        for (PixelRnnLayer l : layers) {
            l.initialize(manager, dataType, l instanceof DiagonalBiLstm
                    ? new Shape[] {h, x} : new Shape[] {h});
        }
        head.initialize(manager, dataType, h);
        output.initialize(manager, dataType, h);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray h = PixelRnnLayer.one(first, ps, x, training);
        for (PixelRnnLayer l : layers) {
            NDList in = l instanceof DiagonalBiLstm ? new NDList(h, x) : new NDList(h);
            h = h.add(l.forward(ps, in, training).singletonOrThrow());
        }
        NDArray y = PixelRnnLayer.one(head, ps, Activation.relu(h), training);
        return new NDList(PixelRnnLayer.one(output, ps, Activation.relu(y), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        return output.getOutputShapes(new Shape[] {new Shape(x.get(0), hidden, x.get(2),
                x.get(3))});
    }
}
