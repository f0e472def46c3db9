package org.gen4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import org.gen4j.core.engine.Scalars;

/**
 * A network's inference-mode forward pass that a gradient collector may record: each {@code
 * BatchNorm} reachable through sequential and residual blocks is applied as the affine map of
 * its running statistics, {@code gamma (x - mean) / sqrt(var + 1e-5) + beta} over axis 1 (DJL's
 * default epsilon and axis, which gen4j's networks use), and every other block runs in inference
 * mode. The values are those of the plain inference pass; the difference is that MXNet refuses a
 * BatchNorm in inference mode while a collector records, and this pass it accepts, so that a
 * gradient reaches the input (a perceptual loss through a classifier, inpainting through a
 * trained generator). The network's own weights get no gradient unless they require one.
 */
public final class FrozenForward {

    private static final float EPSILON = 1e-5f;

    private FrozenForward() {}

    /** Runs {@code block} on {@code inputs}. */
    public static NDList forward(Block block, ParameterStore ps, NDList inputs) {
        if (block.getClass() == SequentialBlock.class) {
            NDList x = inputs;
            for (Block child : block.getChildren().values()) {
                x = forward(child, ps, x);
            }
            return x;
        }
        if (block instanceof Residual residual) {
            NDArray x = Layers.single(Residual.class, inputs);
            NDArray y = forward(residual.getBody(), ps, inputs).singletonOrThrow();
            return new NDList(Residual.add(x, y));
        }
        if (block instanceof BatchNorm) {
            return new NDList(batchNorm(ps, block, inputs.singletonOrThrow()));
        }
        return block.forward(ps, inputs, false);
    }

    private static NDArray batchNorm(ParameterStore ps, Block bn, NDArray x) {
        var p = bn.getParameters();
        var device = x.getDevice();
        NDArray gamma = ps.getValue(p.get("gamma"), device, false);
        NDArray beta = ps.getValue(p.get("beta"), device, false);
        NDArray mean = ps.getValue(p.get("runningMean"), device, false);
        NDArray var = ps.getValue(p.get("runningVar"), device, false);
        // Every temporary goes to the input's manager (an op's result joins its first operand's
        // manager): the parameters' manager lives as long as the network and must not grow.
        NDArray std = var.add(EPSILON);
        std.attach(x.getManager());
        NDArray scale = Scalars.pow(std.sqrt(), -1f).mul(gamma);
        NDArray shift = scale.mul(mean).neg().add(beta);
        long[] dims = new long[x.getShape().dimension()];
        Arrays.fill(dims, 1);
        dims[1] = scale.size();
        Shape s = new Shape(dims);
        return x.mul(scale.reshape(s)).add(shift.reshape(s));
    }
}
