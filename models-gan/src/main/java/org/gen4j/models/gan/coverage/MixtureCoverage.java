package org.gen4j.models.gan.coverage;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gen4j.core.data.BatchLoader;
import org.gen4j.core.data.GaussianMixture;
import org.gen4j.core.data.ModeCoverage;
import org.gen4j.core.optim.OptimizerSpec;
import org.gen4j.core.optim.ScheduleSpec;
import org.gen4j.core.optim.Schedules;
import org.gen4j.core.procedure.DataInfo;
import org.gen4j.core.procedure.SampleRequest;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.train.ProcedureTrainer;
import org.gen4j.core.train.Trainer;

/**
 * Trains an {@code mlp-gan} on a 2-D Gaussian mixture for a fixed number of steps with fixed seeds
 * and scores 2,500 generated points with {@link ModeCoverage} (modes covered, high-quality share):
 * the mode-collapse test of VEEGAN and PacGAN, for any registered loss and regularizers.
 *
 * <p>Real batches are drawn fresh from the mixture at every critic update (an infinite data set),
 * from a stream derived from the seed, so a configuration always gives the same result on one
 * engine and thread count.
 */
public final class MixtureCoverage {

    /** Generated points scored, as in PacGAN. */
    public static final int SCORED_SAMPLES = 2500;

    private MixtureCoverage() {}

    /**
     * One training configuration.
     *
     * @param label the row's name in a table (for example the loss)
     * @param loss the registered loss
     * @param regularizers regularizer names with weights (null weight: the regularizer's default)
     * @param optimizer the optimizer of both networks
     * @param nCritic critic updates per generator update
     * @param steps generator updates
     * @param batchSize samples per update
     * @param latentSize the latent size
     * @param width hidden units per layer of both networks
     * @param depth hidden layers of both networks
     * @param initStd the standard deviation of the N(0, std) initial weights
     * @param seed the seed of initialisation, noise and data
     * @param decayLr whether both learning rates decay linearly to 0 over the steps
     * @param reuseFakes whether the generator update reuses the discriminator update's fakes (the
     *     GAN option {@code reuse-fakes}: one generator pass a step)
     */
    public record Config(String label, String loss, Map<String, Double> regularizers,
            OptimizerSpec optimizer, int nCritic, int steps, int batchSize, int latentSize,
            int width, int depth, float initStd, long seed, boolean decayLr,
            boolean reuseFakes) {

        /** Validates. */
        public Config {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(loss, "loss");
            regularizers = regularizers == null ? Map.of() : regularizers;
            Objects.requireNonNull(optimizer, "optimizer");
            if (steps < 1 || batchSize < 1 || nCritic < 1) {
                throw new IllegalArgumentException("steps, batch size and n-critic must be >= 1");
            }
        }

        /**
         * The defaults for a loss: Adam 1e-3 (beta1 0.5), one critic update, batch 256, latent 16,
         * 3 hidden layers of 128 units, initial weights N(0, 0.15), constant learning rates.
         *
         * <p>The initial scale decides whether a GAN covers the ring, because it sets how widely
         * the untrained generator spreads its points (measured, seed 1, 2,500 points): with
         * N(0, 0.1) they form a blob of std 0.11 at the origin, which then drifts as one piece
         * toward whichever modes the discriminator first favours (the non-saturating GAN covered
         * 2 modes in 3,000 steps at seed 1, and 7, 2 and 1 at seeds 1-3 with batch 512); with N(0, 0.15) they spread
         * with std 0.57 over the ring's inside (radius 2), so each part of the generator's mass is
         * pulled to a nearby mode (8, 7, 7 and 7 modes at seeds 1, 2, 3 and 5, one blurry run of
         * 1 at seed 4); with N(0, 0.2) they land off center with std 1.8 and collapse to 2
         * modes. DCGAN's 0.02 starts a deep MLP with vanishing activations.
         */
        public static Config of(String label, String loss, int steps, long seed) {
            return new Config(label, loss, Map.of(),
                    OptimizerSpec.adam(1e-3, 0.5, 0.999), 1, steps, 256, 16, 128,
                    3, 0.15f, seed, false, false);
        }

        /** A copy with other training lengths and sizes. */
        public Config with(int newSteps, int newBatch, float newInitStd) {
            return new Config(label, loss, regularizers, optimizer, nCritic, newSteps, newBatch,
                    latentSize, width, depth, newInitStd, seed, decayLr, reuseFakes);
        }

        /** A copy with regularizers. */
        public Config withRegularizers(Map<String, Double> regs) {
            return new Config(label, loss, regs, optimizer, nCritic, steps, batchSize, latentSize,
                    width, depth, initStd, seed, decayLr, reuseFakes);
        }

        /** A copy with an optimizer and a critic schedule. */
        public Config withOptimizer(OptimizerSpec opt, int critic) {
            return new Config(label, loss, regularizers, opt, critic, steps, batchSize,
                    latentSize, width, depth, initStd, seed, decayLr, reuseFakes);
        }

        /** A copy whose learning rates decay linearly to 0 over the steps, or stay constant. */
        public Config withDecay(boolean decay) {
            return new Config(label, loss, regularizers, optimizer, nCritic, steps, batchSize,
                    latentSize, width, depth, initStd, seed, decay, reuseFakes);
        }
    }

    /**
     * The configuration of every loss of the mode-coverage table, with fixed settings: Adam 1e-3
     * (beta1 0.5) and one critic update for the single-update losses (also with the {@code
     * dragan} and {@code r1} penalties, on the non-saturating loss); the WGAN-GP paper's Adam
     * (betas 0 and 0.9, 5 critic updates) at lr 1e-3 for {@code wgan-gp}; RMSprop 1e-3 with 5
     * critic updates and clipping at 0.01 for {@code wgan}. The learning rates are raised from
     * the papers' (1e-4, 5e-5) so that a few thousand steps suffice on 2-D data. Only {@code
     * wgan-gp} decays its learning rates linearly to 0: at seed 1 on the ring that sharpened it
     * from 7 modes (one with 7 high-quality samples) to 8 (the fewest 34), while the decay made
     * the non-saturating GAN freeze wherever it stood (0 modes at seed 1).
     *
     * @param steps generator updates of every configuration
     * @param seed the seed
     */
    public static List<Config> standardConfigs(int steps, long seed) {
        OptimizerSpec gpAdam = OptimizerSpec.adam(1e-3, 0.0, 0.9);
        OptimizerSpec rms = OptimizerSpec.rmsprop(1e-3, 0.99);
        return List.of(
                Config.of("non-saturating", "non-saturating", steps, seed),
                Config.of("minimax", "minimax", steps, seed),
                Config.of("hinge", "hinge", steps, seed),
                Config.of("least-squares", "least-squares", steps, seed),
                Config.of("relativistic-average", "relativistic-average", steps, seed),
                Config.of("wgan-gp", "wasserstein", steps, seed)
                        .withRegularizers(Map.of("wgan-gp", 10.0)).withOptimizer(gpAdam, 5)
                        .withDecay(true),
                Config.of("wgan (clipping)", "wasserstein", steps, seed)
                        .withRegularizers(Map.of("weight-clipping", 1.0)).withOptimizer(rms, 5),
                Config.of("ns + dragan", "non-saturating", steps, seed)
                        .withRegularizers(Map.of("dragan", 10.0)),
                Config.of("ns + r1", "non-saturating", steps, seed)
                        .withRegularizers(Map.of("r1", 5.0)));
    }

    /** The standard configuration labelled {@code label}. */
    public static Config standardConfig(String label, int steps, long seed) {
        return standardConfigs(steps, seed).stream().filter(c -> c.label().equals(label))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no standard"
                        + " configuration '" + label + "'"));
    }

    /**
     * The outcome of one configuration on one mixture.
     *
     * @param config the configuration
     * @param mixture the mixture's name
     * @param coverage the scores of 2,500 generated points
     * @param seconds wall-clock training time
     * @param points the scored points, {@code (x, y)} pairs
     */
    public record Result(Config config, String mixture, ModeCoverage coverage, double seconds,
            float[] points) {}

    /**
     * Trains and scores one configuration.
     *
     * @param registry where the loss, the regularizers and {@code mlp-gan} are found
     * @param mixture the mixture (its centers and std are used; its points are not)
     */
    public static Result run(Registry registry, GaussianMixture mixture, Config config) {
        List<Map<String, Object>> regs = new ArrayList<>();
        for (var e : config.regularizers().entrySet()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", e.getKey());
            if (e.getValue() != null) {
                r.put("weight", e.getValue());
            }
            regs.add(r);
        }
        RunSpec spec = RunSpec.builder().setModel("mlp-gan").optData(mixture.name())
                .optModelOptions(Map.of("width", config.width(), "depth", config.depth()))
                .opt("latent-size", config.latentSize()).opt("loss", config.loss())
                .opt("regularizers", regs).opt("n-critic", config.nCritic())
                .opt("init-std", (double) config.initStd())
                .opt("reuse-fakes", config.reuseFakes())
                .optBatchSize(config.batchSize()).optSteps(config.steps()).optSeed(config.seed())
                .optOptimizer("generator", config.optimizer())
                .optOptimizer("discriminator", config.optimizer())
                .optSchedule(config.decayLr() ? ScheduleSpec.of(Schedules.LINEAR)
                        : ScheduleSpec.constant())
                .build(registry);
        double[][] centers = mixture.centers();
        double std = mixture.std();
        RandomStream data = RandomStream.derive(config.seed(), "mixture-data");
        float[] batch = new float[2 * config.batchSize()];
        int[] indices = new int[config.batchSize()];
        Shape shape = new Shape(config.batchSize(), 2);
        long start = System.nanoTime();
        try (NDManager manager = NDManager.newBaseManager();
                Trainer trainer = ProcedureTrainer.create(spec, registry,
                        DataInfo.unlabelled(new Shape(2), mixture.name()), config.steps(),
                        manager)) {
            for (int s = 0; s < config.steps(); s++) {
                trainer.step(() -> {
                    for (int i = 0; i < config.batchSize(); i++) {
                        double[] c = centers[data.nextInt(centers.length)];
                        batch[2 * i] = (float) (c[0] + std * data.nextGaussian());
                        batch[2 * i + 1] = (float) (c[1] + std * data.nextGaussian());
                    }
                    return new BatchLoader.Batch(0, 0, batch, null, indices, shape);
                });
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            float[] points;
            try (NDManager eval = manager.newSubManager()) {
                points = trainer.sample(eval, SampleRequest.of(SCORED_SAMPLES,
                        RandomStream.derive(config.seed(), "mixture-eval"))).toFloatArray();
            }
            return new Result(config, mixture.name(), ModeCoverage.of(points, mixture),
                    seconds, points);
        }
    }
}
