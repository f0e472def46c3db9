package org.gen4j.models.gan.procedure;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * A discriminator with a second head on its body: ACGAN's class logits, InfoGAN's Q network.
 *
 * <p>It is made from any registered discriminator built as a {@link SequentialBlock}: the body is
 * every block before the last one with parameters (the score layer), the score head is that layer
 * and what follows it, and the auxiliary head is a linear layer on the flattened body output. The
 * forward pass returns {@code (score (N, 1), auxiliary (N, units))}, so losses and penalties that
 * read the first output see the unchanged discriminator.
 */
final class HeadedCritic extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Block body;
    private final Block score;
    private final Block auxiliary;

    private HeadedCritic(Block body, Block score, long units) {
        super(VERSION);
        this.body = addChildBlock("body", body);
        this.score = addChildBlock("score", score);
        this.auxiliary = addChildBlock("auxiliary", Linear.builder().setUnits(units).build());
    }

    /**
     * Splits a discriminator's block and adds an auxiliary head of {@code units} outputs.
     *
     * @param architecture the discriminator's name, for messages
     * @throws IllegalArgumentException if the block is not a sequence ending in a layer with
     *     parameters after at least one other block
     */
    static HeadedCritic of(Block critic, long units, String architecture) {
        Block[] parts = split(critic, architecture);
        return new HeadedCritic(parts[0], parts[1], units);
    }

    /**
     * A discriminator's body and score head: every block before its last one with parameters,
     * and that block with what follows it.
     *
     * @throws IllegalArgumentException if the block is not a sequence ending in a layer with
     *     parameters after at least one other block
     */
    static Block[] split(Block critic, String architecture) {
        if (!(critic instanceof SequentialBlock seq)) {
            throw new IllegalArgumentException("a second head needs a discriminator built as a"
                    + " SequentialBlock, but '" + architecture + "' is a "
                    + critic.getClass().getSimpleName());
        }
        List<Block> children = seq.getChildren().values();
        int last = children.size() - 1;
        while (last >= 0 && children.get(last).getDirectParameters().isEmpty()
                && children.get(last).getChildren().isEmpty()) {
            last--;
        }
        if (last < 1) {
            throw new IllegalArgumentException("a second head needs a discriminator with a"
                    + " body before its score layer; '" + architecture + "' has none");
        }
        SequentialBlock body = new SequentialBlock();
        SequentialBlock score = new SequentialBlock();
        for (int i = 0; i < children.size(); i++) {
            (i < last ? body : score).add(children.get(i));
        }
        return new Block[] {body, score};
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs,
            boolean training, PairList<String, Object> params) {
        NDArray features = body.forward(parameterStore, inputs, training, params)
                .singletonOrThrow();
        NDArray s = score.forward(parameterStore, new NDList(features), training, params)
                .singletonOrThrow();
        NDArray flat = features.reshape(features.getShape().get(0), -1);
        NDArray a = auxiliary.forward(parameterStore, new NDList(flat), training, params)
                .singletonOrThrow();
        return new NDList(s, a);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape features = body.getOutputShapes(inputShapes)[0];
        Shape s = score.getOutputShapes(new Shape[] {features})[0];
        Shape flat = new Shape(features.get(0), features.size() / features.get(0));
        return new Shape[] {s, auxiliary.getOutputShapes(new Shape[] {flat})[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType,
            Shape... inputShapes) {
        body.initialize(manager, dataType, inputShapes);
        Shape features = body.getOutputShapes(inputShapes)[0];
        score.initialize(manager, dataType, features);
        auxiliary.initialize(manager, dataType,
                new Shape(features.get(0), features.size() / features.get(0)));
    }
}
