package org.gen4j.models.gan.biggan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.gen4j.core.nn.Layers;
import org.gen4j.core.nn.Resampling;
import org.gen4j.core.nn.SeededNormalInitializer;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.nn.SpectralNorm;

/**
 * BigGAN's projection discriminator ({@link BigGan}): inputs {@code (x (N, C, S, S), labels
 * (N))}, output one score per image, {@code (N, 1)}.
 */
final class BigGanDiscriminator extends AbstractBlock {

    private static final byte VERSION = 1;

    private final BigGan.Layout layout;
    private final SpectralNorm[] conv1;
    private final SpectralNorm[] conv2;
    private final SpectralNorm[] skip;
    private final SelfAttention attention;
    private final SpectralNorm score;
    private final Parameter embedding;

    BigGanDiscriminator(BigGan.Layout layout) {
        super(VERSION);
        this.layout = layout;
        int k = layout.blocks();
        conv1 = new SpectralNorm[k + 1];
        conv2 = new SpectralNorm[k + 1];
        skip = new SpectralNorm[k + 1];
        for (int i = 0; i <= k; i++) {
            long c = width(i);
            conv1[i] = addChildBlock("block" + i + "-conv1",
                    SpectralNorm.conv2d(c, 3, 1, 1, true, 1, 500 + 10L * i));
            conv2[i] = addChildBlock("block" + i + "-conv2",
                    SpectralNorm.conv2d(c, 3, 1, 1, true, 1, 501 + 10L * i));
            skip[i] = addChildBlock("block" + i + "-skip",
                    SpectralNorm.conv2d(c, 1, 1, 0, true, 1, 502 + 10L * i));
        }
        attention = layout.attention() ? addChildBlock("attention",
                new SelfAttention(width(0), 700)) : null;
        score = addChildBlock("score", SpectralNorm.linear(1, true, 1, 800));
        // Type OTHER keeps the trainer's N(0, init-std) away: a class embedding of std 0.02
        // would leave the class a whisper beside z (BigGAN initialises it orthogonally).
        embedding = addParameter(Parameter.builder().setName("embedding")
                .setType(Parameter.Type.OTHER)
                .optInitializer(new SeededNormalInitializer(
                        RandomStream.derive(0, "biggan-projection-embedding"), 0f, 1f))
                .optShape(new Shape(layout.classes(), width(k))).build());
    }

    /** Block i's output channels: w, 2w, ... up to w * 2^k at the base. */
    private long width(int i) {
        return (long) layout.width() << i;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray h = inputs.get(0);
        NDArray labels = inputs.get(1);
        for (int i = 0; i <= layout.blocks(); i++) {
            boolean down = i < layout.blocks();
            NDArray main = Layers.forwardOne(conv1[i], ps, i == 0 ? h : Activation.relu(h), training, params);
            main = Layers.forwardOne(conv2[i], ps, Activation.relu(main), training, params);
            NDArray shortcut = Layers.forwardOne(skip[i], ps, h, training, params);
            h = down ? Resampling.down(main, 2).add(Resampling.down(shortcut, 2))
                    : main.add(shortcut);
            if (i == 0 && attention != null) {
                h = Layers.forwardOne(attention, ps, h, training, params);
            }
        }
        Shape hs = h.getShape();
        NDArray features = Activation.relu(h).reshape(hs.get(0), hs.get(1), -1)
                .sum(new int[] {2});
        NDArray classes = labels.toType(DataType.INT32, false).oneHot(layout.classes())
                .toType(features.getDataType(), false);
        NDArray projection = classes.matMul(ps.getValue(embedding, h.getDevice(), training))
                .mul(features).sum(new int[] {1}, true);
        return new NDList(Layers.forwardOne(score, ps, features, training, params).add(projection));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), 1)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType,
            Shape... inputShapes) {
        long n = inputShapes[0].get(0);
        long side = inputShapes[0].get(2);
        long in = layout.channels();
        for (int i = 0; i <= layout.blocks(); i++) {
            long c = width(i);
            conv1[i].initialize(manager, dataType, new Shape(n, in, side, side));
            conv2[i].initialize(manager, dataType, new Shape(n, c, side, side));
            skip[i].initialize(manager, dataType, new Shape(n, in, side, side));
            if (i < layout.blocks()) {
                side /= 2;
            }
            if (i == 0 && attention != null) {
                attention.initialize(manager, dataType, new Shape(n, c, side, side));
            }
            in = c;
        }
        score.initialize(manager, dataType, new Shape(n, width(layout.blocks())));
    }
}
