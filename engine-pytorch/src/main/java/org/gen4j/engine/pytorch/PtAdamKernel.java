package org.gen4j.engine.pytorch;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.gen4j.core.optim.AdamKernel;

/**
 * Adam on the PyTorch engine as one call for all parameters: libtorch's multi-tensor
 * ({@code _foreach_}) operators in a TorchScript method ({@link PtAdamStep}), where DJL's
 * operator clones each gradient, allocates four temporaries and makes three native calls per
 * parameter (2.6 ms per million parameters on this project's bench machine). The arithmetic is
 * DJL's, operation for operation, so the results are the same to the bit ({@code
 * PtAdamKernelTest}).
 *
 * <p>Like {@link CreateGraphRoute}, this class loads no PyTorch class until the engine is known
 * to be PyTorch.
 */
public final class PtAdamKernel implements AdamKernel {

    /** Creates the kernel; {@link java.util.ServiceLoader} calls this. */
    public PtAdamKernel() {}

    @Override
    public boolean serves(String engineName) {
        return CreateGraphRoute.PYTORCH.equals(engineName);
    }

    @Override
    public void step(List<NDArray> weights, List<NDArray> gradients, List<NDArray> means,
            List<NDArray> variances, Hyper hyper) {
        PtAdamStep.run(weights, gradients, means, variances, hyper);
    }
}
