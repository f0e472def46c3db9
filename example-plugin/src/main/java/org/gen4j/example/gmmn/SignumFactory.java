package org.gen4j.example.gmmn;

import java.util.LinkedHashMap;
import java.util.Map;
import org.gen4j.core.optim.Optimizer;
import org.gen4j.core.optim.OptimizerFactory;
import org.gen4j.core.util.Options;

/** Registers the optimizer {@value #NAME}: {@code optimizers: {generator: {type: signum}}}. */
public final class SignumFactory implements OptimizerFactory {

    /** The optimizer's name. */
    public static final String NAME = "signum";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Signum (Bernstein et al. 2018): the sign of a gradient momentum; lr, beta";
    }

    @Override
    public Map<String, Object> defaults() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lr", 1e-3);
        m.put("beta", 0.9);
        return m;
    }

    @Override
    public Optimizer create(Options settings) {
        float lr = (float) settings.getDoubleAbove("lr", 1e-3, 0, 10);
        float beta = (float) settings.getDoubleBelow("beta", 0.9, 0, 1);
        settings.checkAllUsed();
        return new Signum(lr, beta);
    }
}
