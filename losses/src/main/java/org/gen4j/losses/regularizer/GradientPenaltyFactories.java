package org.gen4j.losses.regularizer;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.gen4j.core.grad.InputGradientRoutes;
import org.gen4j.core.loss.Regularizer;
import org.gen4j.core.loss.RegularizerFactory;
import org.gen4j.core.util.Options;

/**
 * The gradient penalties {@code wgan-gp}, {@code dragan} and {@code r1}, each a plugin.
 *
 * <p>Every one takes the option {@code route}: {@code auto} (default: the engine's create-graph
 * backward where available, else the forward-op VJP route), {@code vjp} or {@code create-graph}.
 * Their weight in the run spec is the paper's coefficient (lambda, or gamma / 2 for R1); it
 * defaults to the paper's value.
 */
public final class GradientPenaltyFactories {

    /** The WGAN-GP penalty's name. */
    public static final String WGAN_GP = "wgan-gp";
    /** DRAGAN's name. */
    public static final String DRAGAN = "dragan";
    /** R1's name. */
    public static final String R1 = "r1";

    private GradientPenaltyFactories() {}

    /** The three factories. */
    public static List<RegularizerFactory> all() {
        return List.of(new WganGp(), new Dragan(), new R1());
    }

    private static String route(Options o) {
        Set<String> allowed = new TreeSet<>(InputGradientRoutes.names());
        allowed.add(InputGradientRoutes.AUTO);
        return o.getChoice("route", InputGradientRoutes.AUTO, allowed);
    }

    /**
     * {@code wgan-gp} (Gulrajani et al. 2017, https://arxiv.org/abs/1704.00028): {@code lambda *
     * mean((||grad D(x^)|| - target)^2)} at random interpolates {@code x^} between real and
     * generated samples. Options: {@code target} (default 1), {@code one-sided} (default false:
     * penalise only norms above the target, as in Petzka et al. 2018), {@code route}. Weight
     * (lambda) default 10.
     */
    static final class WganGp implements RegularizerFactory {
        @Override
        public String name() {
            return WGAN_GP;
        }

        @Override
        public String description() {
            return "WGAN-GP gradient penalty at real/fake interpolates, lambda 10, target norm 1,"
                    + " option one-sided";
        }

        @Override
        public double defaultWeight() {
            return 10;
        }

        @Override
        public Regularizer create(Options options) {
            float target = (float) options.getDouble("target", 1, 0, 1e6);
            boolean oneSided = options.getBoolean("one-sided", false);
            String route = route(options);
            options.checkAllUsed();
            return new GradientPenalty(WGAN_GP, GradientPenalty.Points.INTERPOLATES,
                    oneSided ? GradientPenalty.Form.ONE_SIDED : GradientPenalty.Form.TWO_SIDED,
                    target, 0, route);
        }
    }

    /**
     * {@code dragan} (Kodali et al. 2017, https://arxiv.org/abs/1705.07215): {@code lambda *
     * mean((||grad D(x^)|| - target)^2)} at points between real data and a perturbation of it,
     * {@code x^ = x + (1 - a) * c * std(x) * u}, {@code u ~ U(0, 1)} per element, {@code a ~ U(0,
     * 1)} per sample, as in the authors' code. Options: {@code c} (default 0.5), {@code target}
     * (default 1), {@code route}. Weight (lambda) default 10.
     */
    static final class Dragan implements RegularizerFactory {
        @Override
        public String name() {
            return DRAGAN;
        }

        @Override
        public String description() {
            return "DRAGAN gradient penalty around perturbed real data, lambda 10, c 0.5";
        }

        @Override
        public double defaultWeight() {
            return 10;
        }

        @Override
        public Regularizer create(Options options) {
            float c = (float) options.getDouble("c", 0.5, 0, 1e3);
            float target = (float) options.getDouble("target", 1, 0, 1e6);
            String route = route(options);
            options.checkAllUsed();
            return new GradientPenalty(DRAGAN, GradientPenalty.Points.PERTURBED_REAL,
                    GradientPenalty.Form.TWO_SIDED, target, c, route);
        }
    }

    /**
     * {@code r1} (Mescheder et al. 2018, https://arxiv.org/abs/1801.04406): {@code (gamma / 2) *
     * mean(||grad D(x)||^2)} on real data. Weight (gamma / 2) default 5, i.e. gamma 10. Option
     * {@code route}.
     */
    static final class R1 implements RegularizerFactory {
        @Override
        public String name() {
            return R1;
        }

        @Override
        public String description() {
            return "R1 penalty: squared input-gradient norm on real data, weight gamma/2 = 5";
        }

        @Override
        public double defaultWeight() {
            return 5;
        }

        @Override
        public Regularizer create(Options options) {
            String route = route(options);
            options.checkAllUsed();
            return new GradientPenalty(R1, GradientPenalty.Points.REAL,
                    GradientPenalty.Form.SQUARED_NORM, 0, 0, route);
        }
    }
}
