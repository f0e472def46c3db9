package org.gen4j.models.gan.progan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.gen4j.core.nn.Layers;
import org.gen4j.core.nn.Resampling;

/**
 * ProGAN's discriminator, the generator's mirror: the input average-pooled to the stage's side,
 * read by that stage's 1x1 {@code fromRGB} and LeakyReLU; each stage from the current one down
 * to 1 applies two 3x3 convolutions (the second to the lower stage's width) and halves the side
 * by average pooling; during a fade-in the newest stage's output is blended with {@code
 * fromRGB_{s-1}} of the input pooled once more, {@code (1 - alpha) low + alpha high}. The head
 * appends the minibatch standard deviation, then a 3x3 convolution, a linear layer of the first
 * stage's width and a linear output of one score.
 */
final class ProGanDiscriminator extends AbstractBlock implements ProGan.Grown {

    private static final byte VERSION = 1;

    private final ProGan.Layout layout;
    private final EqualizedLayer[] fromRgb;
    private final EqualizedLayer[] first;
    private final EqualizedLayer[] second;
    private final EqualizedLayer headConv;
    private final EqualizedLayer headLinear;
    private final EqualizedLayer output;
    private int stage;
    private float alpha = 1f;

    ProGanDiscriminator(ProGan.Layout layout) {
        super(VERSION);
        this.layout = layout;
        int n = layout.stages();
        int[] w = layout.widths();
        fromRgb = new EqualizedLayer[n];
        first = new EqualizedLayer[n];
        second = new EqualizedLayer[n];
        for (int i = 0; i < n; i++) {
            fromRgb[i] = addChildBlock("from-rgb" + i, EqualizedLayer.conv(w[i], 1));
            if (i > 0) {
                first[i] = addChildBlock("stage" + i + "-conv1", EqualizedLayer.conv(w[i], 3));
                second[i] = addChildBlock("stage" + i + "-conv2",
                        EqualizedLayer.conv(w[i - 1], 3));
            }
        }
        headConv = addChildBlock("head-conv", EqualizedLayer.conv(w[0], 3));
        headLinear = addChildBlock("head-linear", EqualizedLayer.linear(w[0],
                (float) Math.sqrt(2)));
        output = addChildBlock("output", EqualizedLayer.linear(1, 1f));
        stage = n - 1;
    }

    @Override
    public int stages() {
        return layout.stages();
    }

    @Override
    public void grow(int stage, float alpha) {
        ProGan.checkGrowth(stage, alpha, layout.stages());
        this.stage = stage;
        this.alpha = alpha;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = Resampling.down(inputs.head(), 1 << (layout.stages() - 1 - stage));
        NDArray h = ProGanOps.lrelu(Layers.forwardOne(fromRgb[stage], ps, x, training, params));
        if (stage > 0) {
            h = block(stage, ps, h, training, params);
            if (alpha < 1f) {
                NDArray low = ProGanOps.lrelu(Layers.forwardOne(fromRgb[stage - 1], ps, Resampling.down(x, 2),
                        training, params));
                h = ProGanOps.fade(low, h, alpha);
            }
            for (int i = stage - 1; i >= 1; i--) {
                h = block(i, ps, h, training, params);
            }
        }
        h = ProGanOps.lrelu(Layers.forwardOne(headConv, ps, ProGanOps.minibatchStd(h), training, params));
        h = ProGanOps.lrelu(Layers.forwardOne(headLinear, ps, h.reshape(h.getShape().get(0), -1), training,
                params));
        return new NDList(Layers.forwardOne(output, ps, h, training, params));
    }

    private NDArray block(int i, ParameterStore ps, NDArray h, boolean training,
            PairList<String, Object> params) {
        h = ProGanOps.lrelu(Layers.forwardOne(first[i], ps, h, training, params));
        h = ProGanOps.lrelu(Layers.forwardOne(second[i], ps, h, training, params));
        return Resampling.down(h, 2);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), 1)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType,
            Shape... inputShapes) {
        long n = inputShapes[0].get(0);
        int[] w = layout.widths();
        for (int i = 0; i < layout.stages(); i++) {
            int side = layout.side(i);
            fromRgb[i].initialize(manager, dataType, new Shape(n, layout.channels(), side, side));
            if (i > 0) {
                first[i].initialize(manager, dataType, new Shape(n, w[i], side, side));
                second[i].initialize(manager, dataType, new Shape(n, w[i], side, side));
            }
        }
        headConv.initialize(manager, dataType, new Shape(n, w[0] + 1, layout.base(),
                layout.base()));
        headLinear.initialize(manager, dataType, new Shape(n, (long) w[0] * layout.base()
                * layout.base()));
        output.initialize(manager, dataType, new Shape(n, w[0]));
    }
}
