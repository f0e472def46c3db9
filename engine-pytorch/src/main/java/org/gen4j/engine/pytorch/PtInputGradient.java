package org.gen4j.engine.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;

/**
 * The PyTorch-typed half of {@link CreateGraphRoute}, loaded only once the engine is PyTorch.
 *
 * <p>libtorch can return a differentiable input gradient without touching any {@code .grad} field:
 * {@code torch.autograd.grad(outputs, inputs, create_graph=True)}. DJL exposes only {@code
 * backward(create_graph)} ({@code JniUtils.backward}), which accumulates into the {@code .grad}
 * of every leaf it reaches. With a create-graph backward, that {@code .grad} carries the graph that
 * computed it, and the graph holds the leaf (its gradient accumulator does): a reference cycle that
 * no DJL call can break, so each step's activations stay allocated (measured: 6 MB a step for a
 * two-layer conv critic at batch 64). {@code torch.autograd.grad} is reached here through the one
 * other door DJL leaves open to libtorch: a TorchScript module, whose {@code forward} calls it. The
 * module is built in memory from {@link #SOURCE} (see {@link TorchScriptArchive}) and loaded once.
 */
final class PtInputGradient {

    /** The TorchScript module: {@code forward(total, x)} returns d total / d x with its graph. */
    static final String SOURCE = """
            class InputGradient(Module):
              __parameters__ = []
              __buffers__ = []
              def forward(self: __torch__.InputGradient,
                total: Tensor,
                x: Tensor) -> Tensor:
                if total.requires_grad:
                  grads = torch.grad([total], [x], None, True, True, True)
                  g = grads[0]
                  if g is None:
                    result = torch.zeros_like(x)
                  else:
                    result = g
                else:
                  result = torch.zeros_like(x)
                return result
            """;

    private static final TorchScriptModule MODULE = new TorchScriptModule(
            "gen4j_input_gradient", "InputGradient", SOURCE, "computes input gradients");

    private PtInputGradient() {}

    /**
     * The gradient of {@code sum_i block(x)_i} with respect to {@code x}, recorded so that it can
     * be differentiated with respect to the block's parameters.
     *
     * @param block the critic's block, initialized, on the PyTorch engine
     * @param store the store that the critic's forward pass uses
     * @param x a floating-point PyTorch array; not modified, and treated as a constant
     * @return an array shaped like {@code x}, in the manager of {@code x}
     */
    static NDArray compute(Block block, ParameterStore store, NDArray x) {
        if (!JniUtils.isGradMode()) {
            throw new IllegalStateException("route '" + CreateGraphRoute.NAME + "' was called with"
                    + " gradient recording off: call it inside the critic's GradientCollector, so"
                    + " that its result can be differentiated");
        }
        PtSymbolBlock gradient = MODULE.get();
        NDManager owner = x.getManager();
        try (NDManager scratch = owner.newSubManager()) {
            // A copy (clone, outside the graph) makes x a constant: nothing behind x is reached,
            // and a later in-place change of x cannot invalidate the recorded graph.
            NDArray leaf = x.duplicate();
            leaf.attach(scratch);
            leaf.setRequiresGradient(true);
            NDArray total = block.forward(store, new NDList(leaf), true).head().sum();
            NDArray result = IValueUtils.forward(gradient, new NDList(total, leaf), true)
                    .singletonOrThrow();
            // The caller's backward need not accumulate into the copy: its accumulator returns
            // early for a leaf that no longer requires a gradient.
            leaf.setRequiresGradient(false);
            result.attach(owner);
            return result;
        }
    }
}
