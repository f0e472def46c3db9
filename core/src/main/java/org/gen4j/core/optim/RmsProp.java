package org.gen4j.core.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.gen4j.core.engine.EngineScope;
import org.gen4j.core.engine.Scalars;

/**
 * RMSprop (Tieleman and Hinton, 2012), uncentred, as in the WGAN paper:
 * \( n \leftarrow \rho n + (1-\rho) g^2,\; w \leftarrow w - \eta \frac{g}{\sqrt{n} + \epsilon} \).
 *
 * <p>Written in NDArray operations applied in place outside any gradient collection, so it runs
 * on every engine without copying values through the JVM; the running average is saved with
 * checkpoints.
 */
public final class RmsProp extends StatefulOptimizer {

    private final float lr;
    private final float rho;
    private final float eps;
    private final float weightDecay;

    RmsProp(float lr, float rho, float eps, float weightDecay) {
        this.lr = lr;
        this.rho = rho;
        this.eps = eps;
        this.weightDecay = weightDecay;
    }

    @Override
    public String name() {
        return "rmsprop";
    }

    @Override
    protected int slots() {
        return 1;
    }

    @Override
    public void step(List<NamedParameter> parameters) {
        steps++;
        float rate = (float) (lr * lrScale);
        for (NamedParameter p : parameters) {
            NDArray w = p.parameter().getArray();
            NDArray[] s = stateOf(p);
            try (EngineScope scope = EngineScope.of(manager(parameters), "the rmsprop update")) {
                NDManager scratch = scope.manager();
                NDArray grad = gradientOf(p, scratch);
                // The weight and the running average are updated in place; a result computed
                // from them is moved to scratch at once. No value leaves the engine.
                NDArray g = weightDecay == 0 ? grad
                        : grad.add(toScratch(Scalars.mul(w, weightDecay), scratch));
                NDArray n = s[0];
                n.muli(rho).addi(g.square().muli(1 - rho));
                w.subi(g.div(toScratch(n.sqrt(), scratch).addi(eps)).muli(rate));
                grad.muli(0);
            }
        }
    }
}
