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
 * <p>Written in NDArray operations applied outside any gradient collection, so it runs on every
 * engine; the momentum buffer is saved with checkpoints.
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
                NDArray g = grad.duplicate();
                if (weightDecay != 0) {
                    NDArray decay = w.duplicate();
                    decay.attach(scratch);
                    g.addi(decay.muli(weightDecay));
                }
                if (momentum != 0) {
                    // Work on a scratch copy of the buffer and write it back: an operation on
                    // the buffer itself would leave its result in the optimizer's manager.
                    NDArray b = s[0].duplicate();
                    b.attach(scratch);
                    if (steps == 1) {
                        b = g.duplicate();
                    } else {
                        b.muli(momentum).addi(Scalars.mul(g, 1 - dampening));
                    }
                    b.copyTo(s[0]);
                    g = nesterov ? g.add(Scalars.mul(b, momentum)) : b;
                }
                NDArray weight = w.duplicate();
                weight.attach(scratch);
                weight.subi(Scalars.mul(g, rate)).copyTo(w);
                grad.muli(0);
            }
        }
    }
}
