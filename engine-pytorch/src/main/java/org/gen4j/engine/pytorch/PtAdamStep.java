package org.gen4j.engine.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import java.util.List;
import org.gen4j.core.optim.AdamKernel;

/** The PyTorch-typed half of {@link PtAdamKernel}: the TorchScript method and its call. */
final class PtAdamStep {

    /**
     * {@code forward} updates the lists in place, in the order and with the roundings of DJL's
     * {@code adamUpdate} ({@code keep1} and {@code keep2} are {@code 1 - beta} in float, as DJL
     * computes them), and returns the number of parameters.
     */
    static final String SOURCE = """
            class AdamStep(Module):
              __parameters__ = []
              __buffers__ = []
              def forward(self: __torch__.AdamStep,
                ws: List[Tensor],
                gs: List[Tensor],
                ms: List[Tensor],
                vs: List[Tensor],
                beta1: float,
                keep1: float,
                beta2: float,
                keep2: float,
                eps: float,
                step: float,
                decay: float) -> int:
                if torch.ne(decay, 0.):
                  torch._foreach_add_(gs, ws, alpha=decay)
                else:
                  pass
                torch._foreach_mul_(ms, beta1)
                torch._foreach_add_(ms, gs, alpha=keep1)
                torch._foreach_mul_(vs, beta2)
                torch._foreach_addcmul_(vs, gs, gs, keep2)
                denom = torch._foreach_sqrt(vs)
                torch._foreach_add_(denom, eps)
                torch._foreach_addcdiv_(ws, ms, denom, torch.neg(step))
                torch._foreach_zero_(gs)
                return torch.len(ws)
            """;

    private static final TorchScriptModule MODULE = new TorchScriptModule(
            "gen4j_adam", "AdamStep", SOURCE, "runs the Adam update");

    private PtAdamStep() {}

    static void run(List<NDArray> weights, List<NDArray> gradients, List<NDArray> means,
            List<NDArray> variances, AdamKernel.Hyper h) {
        PtSymbolBlock m = MODULE.get();
        // runMethod calls the module in libtorch's inference mode, so nothing is recorded even
        // inside a gradient collection.
        IValue[] args = {
            list(weights), list(gradients), list(means), list(variances),
            IValue.from(h.beta1()), IValue.from(1 - h.beta1()),
            IValue.from(h.beta2()), IValue.from(1 - h.beta2()),
            IValue.from(h.eps()), IValue.from(h.step()), IValue.from(h.decay())
        };
        try {
            IValue out = IValueUtils.runMethod(m, "forward", args);
            out.close();
        } finally {
            for (IValue a : args) {
                a.close();
            }
        }
    }

    private static IValue list(List<NDArray> arrays) {
        PtNDArray[] a = new PtNDArray[arrays.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = (PtNDArray) arrays.get(i);
        }
        return IValue.listFrom(a);
    }
}
