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
 * ProGAN's generator (table 2 of the paper, sized by {@link ProGan.Layout}): the latent vector
 * pixel-normalised, a linear layer to the first stage's maps and a 3x3 convolution; each further
 * stage upsamples and applies two 3x3 convolutions, each followed by LeakyReLU 0.2 and pixel
 * normalisation. The image of stage s is {@code toRGB_s} of its maps; during a fade-in it is
 * {@code (1 - alpha) up(toRGB_{s-1}(h_{s-1})) + alpha toRGB_s(h_s)}. It is then upsampled to the
 * data's side.
 */
final class ProGanGenerator extends AbstractBlock implements ProGan.Grown {

    private static final byte VERSION = 1;

    private final ProGan.Layout layout;
    private final EqualizedLayer stemLinear;
    private final EqualizedLayer stemConv;
    private final EqualizedLayer[] first;
    private final EqualizedLayer[] second;
    private final EqualizedLayer[] toRgb;
    private int stage;
    private float alpha = 1f;

    ProGanGenerator(ProGan.Layout layout) {
        super(VERSION);
        this.layout = layout;
        int n = layout.stages();
        int[] w = layout.widths();
        stemLinear = addChildBlock("stem-linear", EqualizedLayer.linear((long) w[0]
                * layout.base() * layout.base(), (float) Math.sqrt(2) / 4));
        stemConv = addChildBlock("stem-conv", EqualizedLayer.conv(w[0], 3));
        first = new EqualizedLayer[n];
        second = new EqualizedLayer[n];
        toRgb = new EqualizedLayer[n];
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                first[i] = addChildBlock("stage" + i + "-conv1", EqualizedLayer.conv(w[i], 3));
                second[i] = addChildBlock("stage" + i + "-conv2", EqualizedLayer.conv(w[i], 3));
            }
            toRgb[i] = addChildBlock("to-rgb" + i, EqualizedLayer.conv(layout.channels(), 1,
                    1f));
        }
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
        NDArray z = inputs.singletonOrThrow();
        long n = z.getShape().get(0);
        NDArray h = ProGanOps.pixelNorm(z);
        h = Layers.forwardOne(stemLinear, ps, h, training, params);
        h = ProGanOps.pixelNorm(ProGanOps.lrelu(h.reshape(n, layout.widths()[0], layout.base(),
                layout.base())));
        h = ProGanOps.pixelNorm(ProGanOps.lrelu(Layers.forwardOne(stemConv, ps, h, training, params)));
        NDArray previous = null;
        for (int i = 1; i <= stage; i++) {
            previous = h;
            h = Resampling.up(h, 2);
            h = ProGanOps.pixelNorm(ProGanOps.lrelu(Layers.forwardOne(first[i], ps, h, training, params)));
            h = ProGanOps.pixelNorm(ProGanOps.lrelu(Layers.forwardOne(second[i], ps, h, training, params)));
        }
        NDArray image = Layers.forwardOne(toRgb[stage], ps, h, training, params);
        if (stage > 0 && alpha < 1f) {
            NDArray low = Resampling.up(Layers.forwardOne(toRgb[stage - 1], ps, previous, training, params), 2);
            image = ProGanOps.fade(low, image, alpha);
        }
        return new NDList(Resampling.up(image, 1 << (layout.stages() - 1 - stage)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        int side = layout.side(layout.stages() - 1);
        return new Shape[] {new Shape(inputShapes[0].get(0), layout.channels(), side, side)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType,
            Shape... inputShapes) {
        long n = inputShapes[0].get(0);
        int[] w = layout.widths();
        stemLinear.initialize(manager, dataType, inputShapes[0]);
        stemConv.initialize(manager, dataType, new Shape(n, w[0], layout.base(), layout.base()));
        for (int i = 0; i < layout.stages(); i++) {
            int side = layout.side(i);
            if (i > 0) {
                first[i].initialize(manager, dataType, new Shape(n, w[i - 1], side, side));
                second[i].initialize(manager, dataType, new Shape(n, w[i], side, side));
            }
            toRgb[i].initialize(manager, dataType, new Shape(n, w[i], side, side));
        }
    }
}
