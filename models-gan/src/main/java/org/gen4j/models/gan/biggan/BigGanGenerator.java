package org.gen4j.models.gan.biggan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.gen4j.core.nn.Layers;
import org.gen4j.core.nn.Resampling;
import org.gen4j.core.nn.SeededNormalInitializer;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.nn.SpectralNorm;

/**
 * BigGAN's generator ({@link BigGan}): inputs {@code (z (N, latent), labels (N))}, output
 * {@code (N, C, S, S)} in [-1, 1].
 */
final class BigGanGenerator extends AbstractBlock {

    private static final byte VERSION = 1;

    private final BigGan.Layout layout;
    private final int latent;
    private final int[] chunks;
    private final Parameter embedding;
    private final SpectralNorm stem;
    private final ConditionalBatchNorm[] norm1;
    private final ConditionalBatchNorm[] norm2;
    private final SpectralNorm[] conv1;
    private final SpectralNorm[] conv2;
    private final SpectralNorm[] skip;
    private final SelfAttention attention;
    private final BatchNorm outNorm;
    private final SpectralNorm out;

    BigGanGenerator(BigGan.Layout layout, int latent) {
        super(VERSION);
        this.layout = layout;
        this.latent = latent;
        int k = layout.blocks();
        if (latent < k + 1) {
            throw new IllegalArgumentException("biggan splits z into " + (k + 1) + " chunks (one"
                    + " per block and one for the base), so latent-size must be >= " + (k + 1)
                    + ", got " + latent);
        }
        chunks = new int[k + 1];
        int rest = latent;
        for (int i = k; i >= 1; i--) {
            chunks[i] = latent / (k + 1);
            rest -= chunks[i];
        }
        chunks[0] = rest;
        // Type OTHER keeps the trainer's N(0, init-std) away: a class embedding of std 0.02
        // would leave the class a whisper beside z (BigGAN initialises it orthogonally).
        embedding = addParameter(Parameter.builder().setName("embedding")
                .setType(Parameter.Type.OTHER)
                .optInitializer(new SeededNormalInitializer(
                        RandomStream.derive(0, "biggan-class-embedding"), 0f, 1f))
                .optShape(new Shape(layout.classes(), layout.embedding())).build());
        stem = addChildBlock("stem", SpectralNorm.linear(layout.generatorWidth(0)
                * layout.base() * layout.base(), true, 1, 100));
        norm1 = new ConditionalBatchNorm[k + 1];
        norm2 = new ConditionalBatchNorm[k + 1];
        conv1 = new SpectralNorm[k + 1];
        conv2 = new SpectralNorm[k + 1];
        skip = new SpectralNorm[k + 1];
        for (int i = 1; i <= k; i++) {
            long in = layout.generatorWidth(i - 1);
            long c = layout.generatorWidth(i);
            norm1[i] = addChildBlock("block" + i + "-cbn1", new ConditionalBatchNorm(in, 10L * i));
            conv1[i] = addChildBlock("block" + i + "-conv1",
                    SpectralNorm.conv2d(c, 3, 1, 1, true, 1, 10L * i + 2));
            norm2[i] = addChildBlock("block" + i + "-cbn2", new ConditionalBatchNorm(c,
                    10L * i + 3));
            conv2[i] = addChildBlock("block" + i + "-conv2",
                    SpectralNorm.conv2d(c, 3, 1, 1, true, 1, 10L * i + 5));
            skip[i] = addChildBlock("block" + i + "-skip",
                    SpectralNorm.conv2d(c, 1, 1, 0, true, 1, 10L * i + 6));
        }
        attention = layout.attention() ? addChildBlock("attention",
                new SelfAttention(layout.generatorWidth(1), 200)) : null;
        outNorm = addChildBlock("out-norm", BatchNorm.builder().build());
        out = addChildBlock("out", SpectralNorm.conv2d(layout.channels(), 3, 1, 1, true, 1,
                300));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray z = inputs.get(0);
        NDArray labels = inputs.get(1);
        long n = z.getShape().get(0);
        NDArray classes = labels.toType(DataType.INT32, false).oneHot(layout.classes())
                .toType(z.getDataType(), false);
        NDArray shared = classes.matMul(ps.getValue(embedding, z.getDevice(), training));
        int offset = chunks[0];
        NDArray h = Layers.forwardOne(stem, ps, z.get(":, :" + chunks[0]), training, params)
                .reshape(n, layout.generatorWidth(0), layout.base(), layout.base());
        for (int i = 1; i <= layout.blocks(); i++) {
            NDArray c = shared.concat(z.get(":, " + offset + ":" + (offset + chunks[i])), 1);
            offset += chunks[i];
            NDArray main = Activation.relu(norm1[i].forward(ps, new NDList(h, c), training,
                    params).singletonOrThrow());
            main = Layers.forwardOne(conv1[i], ps, Resampling.up(main, 2), training, params);
            main = Activation.relu(norm2[i].forward(ps, new NDList(main, c), training, params)
                    .singletonOrThrow());
            main = Layers.forwardOne(conv2[i], ps, main, training, params);
            h = main.add(Layers.forwardOne(skip[i], ps, Resampling.up(h, 2), training, params));
            if (i == 1 && attention != null) {
                h = Layers.forwardOne(attention, ps, h, training, params);
            }
        }
        h = Activation.relu(outNorm.forward(ps, new NDList(h), training, params)
                .singletonOrThrow());
        return new NDList(Layers.forwardOne(out, ps, h, training, params).tanh());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long side = (long) layout.base() << layout.blocks();
        return new Shape[] {new Shape(inputShapes[0].get(0), layout.channels(), side, side)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType,
            Shape... inputShapes) {
        long n = inputShapes[0].get(0);
        stem.initialize(manager, dataType, new Shape(n, chunks[0]));
        for (int i = 1; i <= layout.blocks(); i++) {
            long side = (long) layout.base() << i;
            Shape cond = new Shape(n, layout.embedding() + chunks[i]);
            long in = layout.generatorWidth(i - 1);
            long c = layout.generatorWidth(i);
            norm1[i].initialize(manager, dataType, new Shape(n, in, side / 2, side / 2), cond);
            conv1[i].initialize(manager, dataType, new Shape(n, in, side, side));
            norm2[i].initialize(manager, dataType, new Shape(n, c, side, side), cond);
            conv2[i].initialize(manager, dataType, new Shape(n, c, side, side));
            skip[i].initialize(manager, dataType, new Shape(n, in, side, side));
        }
        long first = (long) layout.base() << 1;
        if (attention != null) {
            attention.initialize(manager, dataType, new Shape(n, layout.generatorWidth(1), first,
                    first));
        }
        long side = (long) layout.base() << layout.blocks();
        Shape last = new Shape(n, layout.generatorWidth(layout.blocks()), side, side);
        outNorm.initialize(manager, dataType, last);
        out.initialize(manager, dataType, last);
    }
}
