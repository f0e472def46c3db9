package org.gen4j.losses.adversarial;

import java.util.List;
import org.gen4j.core.loss.GanLoss;
import org.gen4j.core.loss.GanLossFactory;
import org.gen4j.core.util.Options;

/** The factories of {@code wasserstein}, {@code hinge}, {@code least-squares} and {@code relativistic-average}. */
public final class MoreLossFactories {

    private MoreLossFactories() {}

    /** Every factory of this class. */
    public static List<GanLossFactory> all() {
        return List.of(new Wasserstein(), new Hinge(), new LeastSquares(), new RelativisticAverage());
    }

    /** {@code wasserstein}: critic E[f] - E[r], generator -E[f]; no sigmoid, no log. */
    public static final class Wasserstein implements GanLossFactory {
        /** The plugin name. */
        public static final String NAME = "wasserstein";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "Wasserstein GAN: critic E[D(fake)] - E[D(real)], generator -E[D(fake)]; needs"
                    + " a Lipschitz constraint (weight-clipping or a gradient penalty)";
        }

        @Override
        public GanLoss create(Options options) {
            options.checkAllUsed();
            return new SimpleGanLoss(NAME, AdversarialLosses::wassersteinCritic,
                    (f, r) -> AdversarialLosses.wassersteinGenerator(f), false);
        }
    }

    /** {@code hinge}: D E[relu(1 - r)] + E[relu(1 + f)], G -E[f]. */
    public static final class Hinge implements GanLossFactory {
        /** The plugin name. */
        public static final String NAME = "hinge";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "Hinge GAN (SAGAN, BigGAN): D E[relu(1 - D(real))] + E[relu(1 + D(fake))],"
                    + " G -E[D(fake)]";
        }

        @Override
        public GanLoss create(Options options) {
            options.checkAllUsed();
            return new SimpleGanLoss(NAME, AdversarialLosses::hingeDiscriminator,
                    (f, r) -> AdversarialLosses.wassersteinGenerator(f), false);
        }
    }

    /** {@code least-squares}: LSGAN with configurable targets (default 0-1 coding). */
    public static final class LeastSquares implements GanLossFactory {
        /** The plugin name. */
        public static final String NAME = "least-squares";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "Least-squares GAN (LSGAN): squared distance to targets fake-target (0),"
                    + " real-target (1) and generator-target (1)";
        }

        @Override
        public GanLoss create(Options options) {
            float a = (float) options.getDouble("fake-target", 0, -1e3, 1e3);
            float b = (float) options.getDouble("real-target", 1, -1e3, 1e3);
            float c = (float) options.getDouble("generator-target", 1, -1e3, 1e3);
            options.checkAllUsed();
            if (a == b) {
                throw new IllegalArgumentException(options.owner() + ": fake-target and"
                        + " real-target must differ, both are " + a);
            }
            return new SimpleGanLoss(NAME,
                    (r, f) -> AdversarialLosses.leastSquaresDiscriminator(r, f, b, a),
                    (f, r) -> AdversarialLosses.leastSquaresGenerator(f, c), false);
        }
    }

    /** {@code relativistic-average}: RaGAN with the standard cross-entropy. */
    public static final class RelativisticAverage implements GanLossFactory {
        /** The plugin name. */
        public static final String NAME = "relativistic-average";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "Relativistic average GAN (RaSGAN): each side judged against the mean score"
                    + " of the other; the generator loss uses real scores too";
        }

        @Override
        public GanLoss create(Options options) {
            options.checkAllUsed();
            return new SimpleGanLoss(NAME, AdversarialLosses::relativisticAverageDiscriminator,
                    AdversarialLosses::relativisticAverageGenerator, true);
        }
    }
}
