package org.gen4j.example.gmmn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.gen4j.core.engine.Scalars;
import org.gen4j.core.optim.NamedParameter;
import org.gen4j.core.optim.StatefulOptimizer;

/**
 * Signum (Bernstein et al. 2018): the sign of a momentum of the gradients,
 * \( m \leftarrow \beta m + (1 - \beta) g,\; w \leftarrow w - \eta\, \mathrm{sign}(m) \); with
 * {@code beta} 0 it is signSGD. The momentum is saved with checkpoints by the base class.
 */
final class Signum extends StatefulOptimizer {

    private final float lr;
    private final float beta;

    Signum(float lr, float beta) {
        this.lr = lr;
        this.beta = beta;
    }

    @Override
    public String name() {
        return SignumFactory.NAME;
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
            NDArray[] momentum = stateOf(p);
            try (NDManager scratch = manager(parameters).newSubManager()) {
                NDArray g = gradientOf(p, scratch);
                NDArray m = momentum[0].duplicate();
                m.attach(scratch);
                m.muli(beta).addi(Scalars.mul(g, 1 - beta));
                m.copyTo(momentum[0]);
                NDArray weight = w.duplicate();
                weight.attach(scratch);
                weight.subi(m.sign().muli((float) (lr * lrScale))).copyTo(w);
                g.muli(0);
            }
        }
    }
}
