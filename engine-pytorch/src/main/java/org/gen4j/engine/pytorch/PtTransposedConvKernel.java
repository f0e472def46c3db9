package org.gen4j.engine.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.gen4j.core.nn.TransposedConvKernel;

/**
 * libtorch's own {@code conv_transpose2d} for gen4j's transposed convolutions on the PyTorch
 * engine, where DJL's {@code deconvolution} throws "Not implemented". It is reached through a
 * TorchScript method ({@link PtConvTranspose}), recorded by autograd like any operator, and
 * differentiable twice, so the create-graph penalty route differentiates through it. Without it
 * gen4j runs a transposed convolution as one stride-1 convolution per output phase and an
 * interleave.
 *
 * <p>Like {@link CreateGraphRoute}, this class loads no PyTorch class until the engine is known
 * to be PyTorch.
 */
public final class PtTransposedConvKernel implements TransposedConvKernel {

    /** Creates the kernel; {@link java.util.ServiceLoader} calls this. */
    public PtTransposedConvKernel() {}

    @Override
    public boolean serves(String engineName) {
        return CreateGraphRoute.PYTORCH.equals(engineName);
    }

    @Override
    public NDArray apply(NDArray input, NDArray weight, Shape stride, Shape padding,
            Shape outputPadding) {
        return PtConvTranspose.apply(input, weight, stride, padding, outputPadding);
    }
}
