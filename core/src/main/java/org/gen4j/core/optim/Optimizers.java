package org.gen4j.core.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gen4j.core.util.Options;

/**
 * The optimizers built into the core, registered by {@link org.gen4j.core.spi.CoreModule}:
 * {@value #ADAM}, {@value #RMSPROP} and {@value #SGD}.
 */
public final class Optimizers {

    /** Adam with bias correction. */
    public static final String ADAM = "adam";
    /** Uncentred RMSprop, as in the WGAN paper. */
    public static final String RMSPROP = "rmsprop";
    /** SGD with optional momentum. */
    public static final String SGD = "sgd";

    private Optimizers() {}

    /** New factories of the built-in optimizers. */
    public static List<OptimizerFactory> builtIn() {
        return List.of(new AdamFactory(), new RmsPropFactory(), new SgdFactory());
    }

    /**
     * A new built-in optimizer from a spec, without a registry (for code that trains outside a
     * run, such as the evaluation classifier's trainer).
     *
     * @throws IllegalArgumentException if the type is not built in or a setting is out of range
     */
    public static Optimizer create(OptimizerSpec spec) {
        for (OptimizerFactory f : builtIn()) {
            if (f.name().equals(spec.type())) {
                return f.create(new Options("optimizer (" + spec.type() + ")", spec.settings()));
            }
        }
        throw new IllegalArgumentException("optimizer '" + spec.type() + "' is not built in;"
                + " built in: [" + ADAM + ", " + RMSPROP + ", " + SGD + "]");
    }

    private static Map<String, Object> settings(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /** The learning rate: every optimizer's {@code lr}, in (0, 10]. */
    static float learningRate(Options o, double defaultValue) {
        return (float) o.getDoubleAbove("lr", defaultValue, 0, 10);
    }

    private static final class AdamFactory implements OptimizerFactory {
        @Override
        public String name() {
            return ADAM;
        }

        @Override
        public String description() {
            return "Adam with bias correction (Kingma and Ba 2015): lr, beta1, beta2, eps,"
                    + " weight-decay";
        }

        @Override
        public Map<String, Object> defaults() {
            return settings("lr", 1e-3, "beta1", 0.9, "beta2", 0.999, "eps", 1e-8,
                    "weight-decay", 0.0);
        }

        @Override
        public Optimizer create(Options o) {
            float lr = learningRate(o, 1e-3);
            float beta1 = (float) o.getDoubleBelow("beta1", 0.9, 0, 1);
            float beta2 = (float) o.getDoubleBelow("beta2", 0.999, 0, 1);
            float eps = (float) o.getDoubleAbove("eps", 1e-8, 0, 1);
            float decay = (float) o.getDouble("weight-decay", 0, 0, 1);
            o.checkAllUsed();
            return new Adam(lr, beta1, beta2, eps, decay);
        }
    }

    private static final class RmsPropFactory implements OptimizerFactory {
        @Override
        public String name() {
            return RMSPROP;
        }

        @Override
        public String description() {
            return "Uncentred RMSprop (Tieleman and Hinton 2012), as in the WGAN paper: lr,"
                    + " beta2 (the decay rho), eps, weight-decay";
        }

        @Override
        public Map<String, Object> defaults() {
            return settings("lr", 1e-2, "beta2", 0.99, "eps", 1e-8, "weight-decay", 0.0);
        }

        @Override
        public Optimizer create(Options o) {
            float lr = learningRate(o, 1e-2);
            float rho = (float) o.getDoubleBelow("beta2", 0.99, 0, 1);
            float eps = (float) o.getDoubleAbove("eps", 1e-8, 0, 1);
            float decay = (float) o.getDouble("weight-decay", 0, 0, 1);
            o.checkAllUsed();
            return new RmsProp(lr, rho, eps, decay);
        }
    }

    private static final class SgdFactory implements OptimizerFactory {
        @Override
        public String name() {
            return SGD;
        }

        @Override
        public String description() {
            return "SGD with optional momentum, as torch.optim.SGD: lr, momentum, dampening,"
                    + " nesterov, weight-decay";
        }

        @Override
        public Map<String, Object> defaults() {
            return settings("lr", 1e-2, "momentum", 0.0, "dampening", 0.0, "nesterov", false,
                    "weight-decay", 0.0);
        }

        @Override
        public Optimizer create(Options o) {
            float lr = learningRate(o, 1e-2);
            float momentum = (float) o.getDoubleBelow("momentum", 0, 0, 1);
            float dampening = (float) o.getDouble("dampening", 0, 0, 1);
            boolean nesterov = o.getBoolean("nesterov", false);
            float decay = (float) o.getDouble("weight-decay", 0, 0, 1);
            o.checkAllUsed();
            if (nesterov && (momentum == 0 || dampening != 0)) {
                throw new IllegalArgumentException(o.owner() + ": nesterov needs momentum > 0"
                        + " and dampening 0, got momentum " + momentum + ", dampening "
                        + dampening);
            }
            return new Sgd(lr, momentum, dampening, nesterov, decay);
        }
    }
}
