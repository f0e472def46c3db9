package org.gen4j.core.grad;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.gen4j.core.model.Discriminator;
import org.gen4j.core.nn.InputVjp;
import org.gen4j.core.nn.Residual;
import org.gen4j.core.nn.TransposedConvolution;

/**
 * The input-gradient route that works on any engine: the critic's input gradient written in
 * forward operations, one vector-Jacobian product per layer, so that ordinary first-order autograd
 * differentiates it with respect to the parameters.
 *
 * <p>MXNet cannot differentiate the backward of a convolution or of leaky ReLU, and DJL exposes no
 * create-graph backward, so a gradient penalty cannot take {@code d D(x) / dx} from autograd and
 * then differentiate it again. This route runs the critic forward block by block in training mode
 * (through the given {@link ParameterStore}, so the parameter arrays are the recorded ones),
 * keeping each block's input, then walks back from ones {@code (N, 1)}:
 *
 * <ul>
 *   <li>{@code SequentialBlock}: its children in reverse order;
 *   <li>DJL {@code Linear} ({@code y = x W^T + b}): {@code g W};
 *   <li>DJL {@code Conv2d} (any kernel, stride and padding; dilation 1, one group): the
 *       transposed convolution of {@code g} with the same weight ({@link
 *       TransposedConvolution#conv2dInputGradient}), its output padding chosen to give back the
 *       input's size;
 *   <li>{@link Residual} ({@code x + body(x)}): {@code g + body^T(g)};
 *   <li>any block implementing {@link InputVjp}: its own product. gen4j's {@link
 *       org.gen4j.core.nn.Layers} (leaky ReLU, ReLU, tanh, sigmoid, flatten, reshape, layer norm,
 *       average pooling) implement it.
 * </ul>
 *
 * <p>Factors that depend on the parameters (the weights, a tanh's output, a layer norm's
 * statistics) stay recorded; only the ReLU slope masks are constants, whose derivative is zero
 * almost everywhere. The result matches the engine's own input gradient, and the parameter
 * gradient of a penalty built on it matches finite differences (both tested in float64).
 *
 * <p>BatchNorm is refused: it couples the samples of a batch, so the gradient of {@code sum_i
 * D(x)_i} with respect to sample {@code i} is not the gradient of {@code D(x_i)}. Other blocks
 * (DJL's opaque {@code LambdaBlock}s such as {@code Activation.leakyReluBlock}, pooling, dropout)
 * are refused with their position in the critic and the supported alternatives.
 *
 * <p>Every array the route creates belongs to the manager of {@code x} (each operation has the
 * input or the gradient as its first operand, and parameter-derived temporaries are attached
 * there), so a training step that closes its sub-manager leaves nothing behind.
 */
public final class VjpRoute implements InputGradientRoute {

    /** The route's name, as accepted by a penalty's {@code route} option. */
    public static final String NAME = "vjp";

    /** Why a critic with BatchNorm cannot have a gradient penalty. */
    public static final String BATCH_NORM_REASON =
            "BatchNorm couples the samples of a batch, so per-sample input gradients are wrong";

    private static final String BATCH_NORM_WAY_OUT =
            ". Way out: build the critic without batch statistics (Layers.layerNorm() or no"
                    + " normalisation; for dcgan: model-options norm=layer or norm=none)";

    private static final String SUPPORTED =
            "supported are SequentialBlock, DJL's Linear and Conv2d (dilation 1, one group),"
                    + " Residual, and blocks implementing InputVjp such as those of"
                    + " org.gen4j.core.nn.Layers (leakyRelu, relu, tanh, sigmoid, flatten,"
                    + " reshape, layerNorm, residual, avgPool)";

    /** Creates the route; it is stateless. */
    public VjpRoute() {}

    /** {@inheritDoc} */
    @Override
    public String name() {
        return NAME;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Null when every block of the critic is supported (see the class description); otherwise
     * the first unsupported block, its class and position ({@code [2]} is the third child of the
     * top {@code SequentialBlock}, {@code [1].body[0]} the first block of the residual body in
     * the second child), and why.
     */
    @Override
    public String unsupportedReason(Discriminator critic) {
        Objects.requireNonNull(critic, "critic is null");
        if (critic.traits().contains(Discriminator.Trait.BATCH_NORM)) {
            return "the critic has BatchNorm (trait BATCH_NORM): " + BATCH_NORM_REASON
                    + BATCH_NORM_WAY_OUT;
        }
        return check(critic.block(), "");
    }

    private static String check(Block block, String path) {
        if (block.getClass() == SequentialBlock.class) {
            if (((SequentialBlock) block).isReturnIntermediate()) {
                return where(block, path) + " returns its intermediate outputs, so it is not one"
                        + " function of its input; build the critic with setReturnIntermediate"
                        + "(false)";
            }
            int i = 0;
            for (Block child : block.getChildren().values()) {
                String reason = check(child, path + "[" + i++ + "]");
                if (reason != null) {
                    return reason;
                }
            }
            return null;
        }
        if (block instanceof Residual residual) {
            return check(residual.getBody(), path + ".body");
        }
        if (block instanceof InputVjp || block.getClass() == Linear.class) {
            return null;
        }
        if (block.getClass() == Conv2d.class) {
            Conv2d conv = (Conv2d) block;
            if (conv.getGroups() != 1) {
                return where(block, path) + " has " + conv.getGroups() + " groups; the route"
                        + " supports convolutions with one group";
            }
            if (conv.getDilation().size() != 1) {
                return where(block, path) + " has dilation " + conv.getDilation() + "; the route"
                        + " supports dilation 1";
            }
            return null;
        }
        if (block instanceof BatchNorm) {
            return where(block, path) + ": " + BATCH_NORM_REASON + BATCH_NORM_WAY_OUT;
        }
        if (block instanceof LambdaBlock lambda) {
            return where(block, path) + " is a LambdaBlock ('" + lambda.getName() + "'), whose"
                    + " function is opaque, so its input gradient cannot be written in forward"
                    + " operations; use the equivalent block of org.gen4j.core.nn.Layers (for"
                    + " DJL's Activation.leakyReluBlock: Layers.leakyRelu, for"
                    + " Blocks.batchFlattenBlock: Layers.flatten, for a reshape lambda:"
                    + " Layers.reshape); " + SUPPORTED;
        }
        return where(block, path) + " has no known input vector-Jacobian product; " + SUPPORTED;
    }

    private static String where(Block block, String path) {
        String position = path.isEmpty() ? "the critic's top block" : "block " + path
                + " of the critic";
        return position + " (" + block.getClass().getName() + ")";
    }

    /**
     * {@inheritDoc}
     *
     * @throws UnsupportedOperationException if the critic has a block this route cannot serve;
     *     the message is {@link #unsupportedReason}'s
     */
    @Override
    public NDArray inputGradient(Discriminator critic, ParameterStore parameterStore, NDArray x) {
        Objects.requireNonNull(parameterStore, "parameterStore is null");
        Objects.requireNonNull(x, "x is null");
        String reason = unsupportedReason(critic);
        if (reason != null) {
            throw new UnsupportedOperationException("route '" + NAME + "' cannot serve this"
                    + " critic: " + reason);
        }
        Shape expected = x.getShape().dimension() == 0 ? null
                : new Shape(x.getShape().get(0)).addAll(critic.inputShape());
        if (!x.getShape().equals(expected)) {
            throw new IllegalArgumentException("the critic expects (N, " + critic.inputShape()
                    + ") but got x " + x.getShape());
        }
        // x is a constant of the penalty: nothing may flow into whatever produced it.
        Node root = record(critic.block(), parameterStore, x.stopGradient());
        NDArray out = root.output;
        NDArray ones = x.getManager().ones(out.getShape(), out.getDataType(), out.getDevice());
        return root.back.apply(ones);
    }

    /** A block's recorded output and the map from its output gradient to its input gradient. */
    private record Node(NDArray output, UnaryOperator<NDArray> back) {}

    private static Node record(Block block, ParameterStore ps, NDArray x) {
        if (block.getClass() == SequentialBlock.class) {
            List<Node> nodes = new ArrayList<>();
            NDArray current = x;
            for (Block child : block.getChildren().values()) {
                Node node = record(child, ps, current);
                nodes.add(node);
                current = node.output;
            }
            return new Node(current, g -> {
                NDArray grad = g;
                for (int i = nodes.size() - 1; i >= 0; i--) {
                    grad = nodes.get(i).back.apply(grad);
                }
                return grad;
            });
        }
        if (block instanceof Residual residual) {
            Node body = record(residual.getBody(), ps, x);
            return new Node(Residual.add(x, body.output), g -> g.add(body.back.apply(g)));
        }
        NDArray y = block.forward(ps, new NDList(x), true).singletonOrThrow();
        if (block instanceof InputVjp vjp) {
            return new Node(y, g -> vjp.inputVjp(ps, x, y, g));
        }
        if (block.getClass() == Linear.class) {
            Parameter weight = parameter(block, "weight");
            return new Node(y, g -> linearVjp(ps, weight, x, g));
        }
        if (block.getClass() == Conv2d.class) {
            Conv2d conv = (Conv2d) block;
            Parameter weight = parameter(block, "weight");
            return new Node(y, g -> convVjp(ps, conv, weight, x, g));
        }
        throw new IllegalStateException("unsupportedReason let an unsupported block through: "
                + block.getClass().getName());
    }

    private static Parameter parameter(Block block, String name) {
        Parameter p = block.getDirectParameters().get(name);
        if (p == null) {
            throw new IllegalStateException(block.getClass().getName() + " has no parameter '"
                    + name + "'; it has " + block.getDirectParameters().keys());
        }
        return p;
    }

    /** {@code y = x W^T + b} over the last axis, so {@code dx = g W}; g comes first. */
    private static NDArray linearVjp(ParameterStore ps, Parameter weight, NDArray x, NDArray g) {
        NDArray w = ps.getValue(weight, g.getDevice(), true);
        Shape gs = g.getShape();
        if (gs.dimension() == 2) {
            return g.matMul(w);
        }
        return g.reshape(-1, gs.get(gs.dimension() - 1)).matMul(w).reshape(x.getShape());
    }

    /**
     * The adjoint of a stride-s, padding-p convolution is the transposed convolution with the same
     * weight; see {@link TransposedConvolution#conv2dInputGradient}, which also explains why MXNet's
     * native deconvolution must not be used here.
     */
    private static NDArray convVjp(
            ParameterStore ps, Conv2d conv, Parameter weight, NDArray x, NDArray g) {
        NDArray w = ps.getValue(weight, g.getDevice(), true);
        return TransposedConvolution.conv2dInputGradient(
                g, w, conv.getStride(), conv.getPadding(), x.getShape());
    }
}
