package org.gen4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.gen4j.core.engine.EngineKernel;

/**
 * An engine's own 2-D transposed convolution (dilation 1, one group, no bias), found with {@link
 * org.gen4j.core.engine.EngineKernels} under {@code
 * META-INF/services/org.gen4j.core.nn.TransposedConvKernel}. Where one serves the engine, {@link
 * TransposedConvolution} uses it for every transposed convolution and every convolution input
 * gradient instead of composing them from convolutions. The result must be recorded by the
 * engine's autograd and differentiable as far as the engine differentiates (twice, for a
 * create-graph gradient penalty).
 */
public interface TransposedConvKernel extends EngineKernel {

    /**
     * The transposed convolution, with the shapes and settings already checked.
     *
     * @param input {@code (N, C_in, H, W)}
     * @param weight {@code (C_in, C_out, kH, kW)}
     * @param stride {@code (sH, sW)}
     * @param padding {@code (pH, pW)}
     * @param outputPadding {@code (opH, opW)}
     * @return {@code (N, C_out, H_out, W_out)}, in the input's manager
     */
    NDArray apply(NDArray input, NDArray weight, Shape stride, Shape padding,
            Shape outputPadding);
}
