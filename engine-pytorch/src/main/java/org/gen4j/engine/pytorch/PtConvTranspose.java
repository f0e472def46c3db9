package org.gen4j.engine.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.IValueUtils;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The PyTorch-typed half of {@link PtTransposedConvKernel}: a TorchScript method per setting of
 * stride, padding and output padding (DJL's training-mode module call passes only tensors, so
 * the settings are constants of the source), compiled on first use and kept.
 */
final class PtConvTranspose {

    private static final Map<String, TorchScriptModule> MODULES = new ConcurrentHashMap<>();

    private PtConvTranspose() {}

    /** The source of {@code forward(x, w)} for one setting. */
    static String source(Shape stride, Shape padding, Shape outputPadding) {
        return """
                class ConvTranspose(Module):
                  __parameters__ = []
                  __buffers__ = []
                  def forward(self: __torch__.ConvTranspose,
                    x: Tensor,
                    w: Tensor) -> Tensor:
                    _0 = torch.conv_transpose2d(x, w, None, %s, %s, %s)
                    return _0
                """.formatted(list(stride), list(padding), list(outputPadding));
    }

    static NDArray apply(NDArray input, NDArray weight, Shape stride, Shape padding,
            Shape outputPadding) {
        String key = list(stride) + list(padding) + list(outputPadding);
        TorchScriptModule module = MODULES.computeIfAbsent(key, k -> new TorchScriptModule(
                "gen4j_conv_transpose", "ConvTranspose", source(stride, padding, outputPadding),
                "runs transposed convolutions"));
        // Training mode: recorded by autograd. DJL reads structure from array names ("a.b" is a
        // dictionary entry, "a[]" a list item), so named arrays go in as unnamed views, which
        // belong to the input's manager (a weight's own manager lives as long as the network).
        NDManager step = input.getManager();
        NDList in = new NDList(unnamed(input, step), unnamed(weight, step));
        return IValueUtils.forward(module.get(), in, true).singletonOrThrow();
    }

    private static NDArray unnamed(NDArray a, NDManager owner) {
        if (a.getName() == null) {
            return a;
        }
        NDArray view = a.reshape(a.getShape());
        view.attach(owner);
        return view;
    }

    private static String list(Shape s) {
        return "[" + s.get(0) + ", " + s.get(1) + "]";
    }
}
