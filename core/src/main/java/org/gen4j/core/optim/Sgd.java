package org.gen4j.core.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.gen4j.core.engine.EngineScope;
import org.gen4j.core.engine.Scalars;

/**
 * Stochastic gradient descent with optional momentum (heavy ball or Nesterov), as PyTorch's
 * {@code torch.optim.SGD} defines it: \( g \leftarrow g + \lambda w \); with momentum \( \mu \),
 * \( b \leftarrow g \) at the first step and \( b \leftarrow \mu b + (1 - \tau) g \) after it, then
 * \( g \leftarrow g + \mu b \) (Nesterov) or \( g \leftarrow b \); finally \( w \leftarrow w -
 * \eta g \).
 *
 * <p>Written in NDArray operations applied in place outside any gradient collection, so it runs
 * on every engine without copying values through the JVM; the momentum buffer is saved with
 * checkpoints.
 */
final class Sgd extends StatefulOptimizer {

    private final float lr;
    private final float momentum;
    private final float dampening;
    private final boolean nesterov;
    private final float weightDecay;

    Sgd(float lr, float momentum, float dampening, boolean nesterov, float weightDecay) {
        this.lr = lr;
        this.momentum = momentum;
        this.dampening = dampening;
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
    }

    @Override
    public String name() {
        return "sgd";
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
            try (EngineScope scope = EngineScope.of(manager(parameters), "the sgd update")) {
                NDManager scratch = scope.manager();
                NDArray grad = gradientOf(p, scratch);
                // The weight and its buffer are updated in place; a result computed from them is
                // moved to scratch at once. No value leaves the engine.
                NDArray g = weightDecay == 0 ? grad
                        : grad.add(toScratch(Scalars.mul(w, weightDecay), scratch));
                if (momentum != 0) {
                    NDArray b = s[0];
                    if (steps == 1) {
                        b.addi(g); // the buffer starts at zero, so this sets it to g exactly
                    } else {
                        b.muli(momentum).addi(Scalars.mul(g, 1 - dampening));
                    }
                    g = nesterov ? g.add(toScratch(Scalars.mul(b, momentum), scratch)) : b;
                }
                w.subi(toScratch(Scalars.mul(g, rate), scratch));
                grad.muli(0);
            }
        }
    }
}
