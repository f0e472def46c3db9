package org.gen4j.models.gan.biggan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.gen4j.core.nn.Layers;
import org.gen4j.core.nn.SpectralNorm;

/**
 * The self-attention block of SAGAN (Zhang et al. 2019), as BigGAN uses it: with 1x1
 * spectrally normalised convolutions f, g (C/8 channels) and h (C/2), the attention map \( \beta
 * = \mathrm{softmax}_j(f(x)_i^T g(x)_j) \) over the HW positions, and {@code y = x + gamma *
 * o(h(x) beta^T)} with a 1x1 convolution o back to C channels. {@code gamma} starts at 0, so
 * the block starts as the identity.
 */
final class SelfAttention extends AbstractBlock {

    private static final byte VERSION = 1;

    private final SpectralNorm f;
    private final SpectralNorm g;
    private final SpectralNorm h;
    private final SpectralNorm o;
    private final Parameter gamma;

    SelfAttention(long channels, long seed) {
        super(VERSION);
        long key = Math.max(1, channels / 8);
        long value = Math.max(1, channels / 2);
        f = addChildBlock("f", SpectralNorm.conv2d(key, 1, 1, 0, false, 1, seed));
        g = addChildBlock("g", SpectralNorm.conv2d(key, 1, 1, 0, false, 1, seed + 1));
        h = addChildBlock("h", SpectralNorm.conv2d(value, 1, 1, 0, false, 1, seed + 2));
        o = addChildBlock("o", SpectralNorm.conv2d(channels, 1, 1, 0, false, 1, seed + 3));
        // BIAS parameters start at zero.
        gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.BIAS)
                .optShape(new Shape(1)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape s = x.getShape();
        long n = s.get(0);
        long positions = s.get(2) * s.get(3);
        NDArray query = Layers.forwardOne(f, ps, x, training, params).reshape(n, -1, positions);
        NDArray keys = Layers.forwardOne(g, ps, x, training, params).reshape(n, -1, positions);
        NDArray values = Layers.forwardOne(h, ps, x, training, params).reshape(n, -1, positions);
        // (N, HW, HW): row i attends over positions j.
        NDArray beta = query.transpose(0, 2, 1).matMul(keys).softmax(2);
        NDArray attended = values.matMul(beta.transpose(0, 2, 1)).reshape(n, -1, s.get(2),
                s.get(3));
        NDArray out = Layers.forwardOne(o, ps, attended, training, params);
        NDArray scale = ps.getValue(gamma, x.getDevice(), training);
        return new NDList(x.add(out.mul(scale)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType,
            Shape... inputShapes) {
        Shape in = inputShapes[0];
        f.initialize(manager, dataType, in);
        g.initialize(manager, dataType, in);
        h.initialize(manager, dataType, in);
        o.initialize(manager, dataType, new Shape(in.get(0), Math.max(1, in.get(1) / 2),
                in.get(2), in.get(3)));
    }
}
