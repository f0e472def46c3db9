package org.gen4j.models.gan.biggan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.gen4j.core.nn.SpectralNorm;

/**
 * Conditional BatchNorm (de Vries et al. 2017; BigGAN, Brock et al. 2019): BatchNorm without its
 * own scale and shift, then {@code (1 + gain(c)) * x + bias(c)} per channel, where gain and bias
 * are spectrally normalised linear maps of a condition vector c (BigGAN's shared class embedding
 * concatenated with a chunk of z). Inputs {@code (x (N, C, H, W), c (N, K))}.
 */
final class ConditionalBatchNorm extends AbstractBlock {

    private static final byte VERSION = 1;

    private final BatchNorm norm;
    private final SpectralNorm gain;
    private final SpectralNorm bias;

    ConditionalBatchNorm(long channels, long seed) {
        super(VERSION);
        norm = addChildBlock("norm", BatchNorm.builder().optCenter(false).optScale(false)
                .build());
        gain = addChildBlock("gain", SpectralNorm.linear(channels, false, 1, seed));
        bias = addChildBlock("bias", SpectralNorm.linear(channels, false, 1, seed + 1));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray c = inputs.get(1);
        NDArray normalised = norm.forward(ps, new NDList(x), training, params).singletonOrThrow();
        long n = x.getShape().get(0);
        long channels = x.getShape().get(1);
        NDArray g = gain.forward(ps, new NDList(c), training, params).singletonOrThrow()
                .reshape(n, channels, 1, 1);
        NDArray b = bias.forward(ps, new NDList(c), training, params).singletonOrThrow()
                .reshape(n, channels, 1, 1);
        return new NDList(normalised.mul(g.add(1f)).add(b));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType,
            Shape... inputShapes) {
        norm.initialize(manager, dataType, inputShapes[0]);
        gain.initialize(manager, dataType, inputShapes[1]);
        bias.initialize(manager, dataType, inputShapes[1]);
    }
}
