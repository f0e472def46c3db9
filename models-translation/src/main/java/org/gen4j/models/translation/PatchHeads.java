package org.gen4j.models.translation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A patch critic with an auxiliary head (StarGAN's): one body, then a convolution to the patch
 * scores and another to the auxiliary logits, concatenated in the channels, {@code (N, 1 + K, h,
 * w)}. {@link #scores()} is the body and the score head alone, sharing their parameters, for
 * the gradient penalty of the scores.
 */
final class PatchHeads extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Block body;
    private final Block score;
    private final Block aux;

    PatchHeads(Block body, Block score, Block aux) {
        super(VERSION);
        this.body = addChildBlock("body", body);
        this.score = addChildBlock("score", score);
        this.aux = addChildBlock("aux", aux);
    }

    /** The body followed by the score head, over the same blocks. */
    Block scores() {
        return new SequentialBlock().add(body).add(score);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDList h = body.forward(ps, inputs, training, params);
        NDArray s = score.forward(ps, h, training, params).singletonOrThrow();
        NDArray a = aux.forward(ps, h, training, params).singletonOrThrow();
        return new NDList(s.concat(a, 1));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType,
            Shape... inputShapes) {
        body.initialize(manager, dataType, inputShapes);
        Shape[] h = body.getOutputShapes(inputShapes);
        score.initialize(manager, dataType, h);
        aux.initialize(manager, dataType, h);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] h = body.getOutputShapes(inputShapes);
        Shape s = score.getOutputShapes(h)[0];
        Shape a = aux.getOutputShapes(h)[0];
        return new Shape[] {new Shape(s.get(0), s.get(1) + a.get(1), s.get(2), s.get(3))};
    }
}
