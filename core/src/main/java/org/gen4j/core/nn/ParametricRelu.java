package org.gen4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import org.gen4j.core.engine.Scalars;

/**
 * The parametric ReLU (He et al. 2015), {@code y = max(x, 0) + a min(x, 0)} with one learned
 * slope {@code a} for the whole layer, starting at 0.25 (PyTorch's {@code PReLU()}): SRGAN's
 * activation. DJL's {@code Prelu} is not implemented on the PyTorch engine; this one is built
 * from operations every engine has. Create it with {@link Layers#prelu()}.
 */
public final class ParametricRelu extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Parameter alpha;

    ParametricRelu() {
        super(VERSION);
        alpha = addParameter(Parameter.builder().setName("alpha").setType(Parameter.Type.OTHER)
                .optInitializer(new ConstantInitializer(0.25f)).optShape(new Shape(1)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs,
            boolean training, PairList<String, Object> params) {
        NDArray x = Layers.single(ParametricRelu.class, inputs);
        NDArray a = parameterStore.getValue(alpha, x.getDevice(), training);
        return new NDList(Scalars.maximum(x, 0f).add(Scalars.minimum(x, 0f).mul(a)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {Layers.single(ParametricRelu.class, inputShapes)};
    }

    @Override
    public String toString() {
        return "ParametricRelu()";
    }
}
