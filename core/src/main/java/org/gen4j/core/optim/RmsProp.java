package org.gen4j.core.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.gen4j.core.engine.EngineScope;

/**
 * RMSprop (Tieleman and Hinton, 2012), uncentred, as in the WGAN paper:
 * \( n \leftarrow \rho n + (1-\rho) g^2,\; w \leftarrow w - \eta \frac{g}{\sqrt{n} + \epsilon} \).
 *
 * <p>Written in NDArray operations applied in place outside any gradient collection, so it runs on
 * every engine; the running average is saved with checkpoints.
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
        for (NamedParameter p : parameters) {
            NDArray w = p.parameter().getArray();
            NDArray[] s = stateOf(p);
            try (EngineScope scope = EngineScope.of(manager(parameters), "the rmsprop update")) {
                NDManager scratch = scope.manager();
                // The gradient is the first operand so temporaries land in the scratch manager.
                NDArray grad = gradientOf(p, scratch);
                NDArray g = grad.duplicate();
                if (weightDecay != 0) {
                    NDArray decay = w.duplicate();
                    decay.attach(scratch);
                    g.addi(decay.muli(weightDecay));
                }
                // Arithmetic runs on scratch copies and is written back with copyTo: an op on the
                // state or the weight would leave its result (and on PyTorch, scalar operands) in
                // their long-lived managers.
                NDArray n = s[0].duplicate();
                n.attach(scratch);
                n.muli(rho).addi(g.square().muli(1 - rho));
                n.copyTo(s[0]);
                NDArray weight = w.duplicate();
                weight.attach(scratch);
                weight.subi(g.div(n.sqrt().addi(eps)).muli((float) (lr * lrScale))).copyTo(w);
                grad.muli(0);
            }
        }
    }
}
