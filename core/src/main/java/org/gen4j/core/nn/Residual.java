package org.gen4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;
import java.util.Objects;
import org.gen4j.core.engine.EngineSetup;

/**
 * A residual connection, {@code y = x + body(x)}, where {@code body} keeps the input's shape;
 * create it with {@link Layers#residual(Block)}.
 *
 * <p>The input-gradient route {@code org.gen4j.core.grad.VjpRoute} knows this block: its input
 * gradient is {@code g + body^T(g)}, so a residual critic is penalty-ready whenever its body is.
 */
public final class Residual extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Block body;

    Residual(Block body) {
        super(VERSION);
        this.body = addChildBlock("body", Objects.requireNonNull(body, "body is null"));
    }

    /**
     * The residual branch.
     *
     * @return the body block
     */
    public Block getBody() {
        return body;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray x = Layers.single(Residual.class, inputs);
        NDArray branch = body.forward(parameterStore, inputs, training, params).singletonOrThrow();
        return new NDList(add(x, branch));
    }

    /**
     * {@code x + branch}, after checking the shapes: a broadcast would silently turn a wrong
     * body into a different network.
     *
     * <p>On MXNet the sum is its {@code add_n} operator: the broadcasting addition that {@code
     * NDArray.add} calls differentiates through a broadcast reduction even for equal shapes
     * (8.6 ms a call on PixelCNN's 64x64x28x28 maps, 13% of its step), where {@code add_n} hands
     * the output's gradient to both inputs as it is.
     *
     * @param x the block's input
     * @param branch the body's output for {@code x}
     * @return the sum, in {@code x}'s manager
     * @throws IllegalArgumentException if the shapes differ
     */
    public static NDArray add(NDArray x, NDArray branch) {
        if (!branch.getShape().equals(x.getShape())) {
            throw new IllegalArgumentException("Residual body must keep the input's shape "
                    + x.getShape() + " but returned " + branch.getShape());
        }
        NDManager manager = x.getManager();
        if (EngineSetup.isMxnet(manager)) {
            PairList<String, Object> params = new PairList<>();
            params.add("num_args", "2");
            return manager.invoke("add_n", new NDList(x, branch), params).singletonOrThrow();
        }
        return x.add(branch);
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        body.initialize(manager, dataType, inputShapes);
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = Layers.single(Residual.class, inputShapes);
        Shape[] out = body.getOutputShapes(inputShapes);
        if (out.length != 1 || !out[0].equals(in)) {
            throw new IllegalArgumentException("Residual body must keep the input's shape " + in
                    + " but gives " + Arrays.toString(out));
        }
        return new Shape[] {in};
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return "Residual(" + body + ")";
    }
}
