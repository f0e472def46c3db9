package org.gen4j.core.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.gen4j.core.engine.EngineKernels;
import org.gen4j.core.engine.EngineScope;

/**
 * Adam (Kingma and Ba, 2015, https://arxiv.org/abs/1412.6980) with bias correction:
 * \( m \leftarrow \beta_1 m + (1-\beta_1) g,\; v \leftarrow \beta_2 v + (1-\beta_2) g^2,\;
 * w \leftarrow w - \eta \frac{\sqrt{1-\beta_2^t}}{1-\beta_1^t} \frac{m}{\sqrt{v}+\epsilon} \).
 *
 * <p>The update runs in place and outside autograd: as an engine's {@link AdamKernel} over all
 * parameters at once where one is on the class path (the PyTorch engine's, in {@code
 * engine-pytorch}), else as DJL's fused Adam operator parameter by parameter. The moments and the
 * step count are saved with checkpoints.
 */
public final class Adam extends StatefulOptimizer {

    private final float lr;
    private final float beta1;
    private final float beta2;
    private final float eps;
    private final float weightDecay;

    Adam(float lr, float beta1, float beta2, float eps, float weightDecay) {
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
    }

    @Override
    public String name() {
        return "adam";
    }

    @Override
    protected int slots() {
        return 2;
    }

    @Override
    public void step(List<NamedParameter> parameters) {
        steps++;
        double coef1 = 1.0 - Math.pow(beta1, steps);
        double coef2 = 1.0 - Math.pow(beta2, steps);
        float scaled = (float) (lr * lrScale);
        float corrected = (float) (scaled * Math.sqrt(coef2) / coef1);
        try (EngineScope scope = EngineScope.of(manager(parameters), "the adam update")) {
            NDManager scratch = scope.manager();
            AdamKernel kernel = EngineKernels.find(AdamKernel.class,
                    parameters.get(0).parameter().getArray());
            if (kernel != null) {
                List<NDArray> weights = new ArrayList<>(parameters.size());
                List<NDArray> gradients = new ArrayList<>(parameters.size());
                List<NDArray> means = new ArrayList<>(parameters.size());
                List<NDArray> variances = new ArrayList<>(parameters.size());
                for (NamedParameter p : parameters) {
                    weights.add(p.parameter().getArray());
                    gradients.add(gradientOf(p, scratch));
                    NDArray[] s = stateOf(p);
                    means.add(s[0]);
                    variances.add(s[1]);
                }
                kernel.step(weights, gradients, means, variances,
                        new AdamKernel.Hyper(beta1, beta2, eps, corrected, weightDecay));
                return;
            }
            for (NamedParameter p : parameters) {
                NDArray w = p.parameter().getArray();
                NDArray g = gradientOf(p, scratch);
                NDArray[] s = stateOf(p);
                w.getNDArrayInternal().adamUpdate(
                    new NDList(w, g, s[0], s[1]),
                    new NDList(w),
                    scaled,
                    corrected,
                    weightDecay,
                    1f,
                    -1f,
                    beta1,
                    beta2,
                    eps,
                    false,
                    false);
            }
        }
    }
}
