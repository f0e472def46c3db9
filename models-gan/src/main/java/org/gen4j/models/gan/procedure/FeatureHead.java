package org.gen4j.models.gan.procedure;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A registered discriminator architecture's body with a head, returning {@code (head output,
 * features)}: the features are the body's output flattened, {@code (N, F)}, for CVAE-GAN's
 * feature matching. The head is the architecture's own score layer (CVAE-GAN's discriminator) or
 * a new linear layer (its classifier's class logits, its encoder's mean and log-variance). The
 * body is split off as {@link HeadedCritic#split} does.
 */
final class FeatureHead extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Block body;
    private final Block head;
    private final boolean flatHead;

    private FeatureHead(Block body, Block head, boolean flatHead) {
        super(VERSION);
        this.body = addChildBlock("body", body);
        this.head = addChildBlock("head", head);
        this.flatHead = flatHead;
    }

    /** The architecture's body and its own score layer. */
    static FeatureHead scored(Block critic, String architecture) {
        Block[] parts = HeadedCritic.split(critic, architecture);
        return new FeatureHead(parts[0], parts[1], false);
    }

    /** The architecture's body and a linear head of {@code units}. */
    static FeatureHead linear(Block critic, long units, String architecture) {
        Block[] parts = HeadedCritic.split(critic, architecture);
        return new FeatureHead(parts[0], Linear.builder().setUnits(units).build(), true);
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs,
            boolean training, PairList<String, Object> params) {
        NDArray features = body.forward(parameterStore, inputs, training, params)
                .singletonOrThrow();
        NDArray flat = features.reshape(features.getShape().get(0), -1);
        NDArray out = head.forward(parameterStore, new NDList(flatHead ? flat : features),
                training, params).singletonOrThrow();
        return new NDList(out, flat);
    }

    private static Shape flat(Shape features) {
        return new Shape(features.get(0), features.size() / features.get(0));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape features = body.getOutputShapes(inputShapes)[0];
        Shape in = flatHead ? flat(features) : features;
        return new Shape[] {head.getOutputShapes(new Shape[] {in})[0], flat(features)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType,
            Shape... inputShapes) {
        body.initialize(manager, dataType, inputShapes);
        Shape features = body.getOutputShapes(inputShapes)[0];
        head.initialize(manager, dataType, flatHead ? flat(features) : features);
    }
}
