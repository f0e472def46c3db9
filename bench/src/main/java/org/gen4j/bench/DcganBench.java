package org.gen4j.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gen4j.core.data.BatchLoader;
import org.gen4j.core.data.SampleSet;
import org.gen4j.core.grad.InputGradientRoutes;
import org.gen4j.core.model.NetworkSpec;
import org.gen4j.core.optim.OptimizerSpec;
import org.gen4j.core.procedure.DataInfo;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.train.ProcedureTrainer;
import org.gen4j.core.train.Trainer;
import org.gen4j.core.util.Options;

/** The DCGAN train-step workloads the benchmarks time, built through the plugin registry. */
final class DcganBench {

    private DcganBench() {}

    private static final Shape SAMPLE = new Shape(1, 28, 28);

    /** The DCGAN of the reference script: width 64, z 100, 28x28x1, non-saturating, Adam 2e-4/0.5. */
    static Trainer trainer(Registry registry, int batch, long seed, NDManager manager) {
        RunSpec spec = spec(registry, batch, seed, true);
        return ProcedureTrainer.create(spec, registry, DataInfo.unlabelled(SAMPLE, "bench"),
                spec.steps(), manager);
    }

    /**
     * The reference DCGAN's spec; {@code reuseFakes} false runs the generator a second time for
     * its update, on new noise.
     */
    static RunSpec spec(Registry registry, int batch, long seed, boolean reuseFakes) {
        return RunSpec.builder().setModel("dcgan").optBatchSize(batch).optSeed(seed)
                .optSteps(1_000_000).opt("reuse-fakes", reuseFakes).build(registry);
    }

    /**
     * The WGAN-GP workload of {@code bench/reference/wgan_gp.py}: the 28x28 DCGAN generator, the
     * DCGAN critic with layer normalisation instead of BatchNorm ({@code norm=layer}), the
     * Wasserstein loss with the {@code wgan-gp} penalty (lambda 10) on the given route, Adam 1e-4
     * betas (0, 0.9), 5 critic updates per generator update.
     */
    static RunSpec wganGpSpec(Registry registry, int batch, long seed, String route) {
        OptimizerSpec adam = OptimizerSpec.adam(1e-4, 0.0, 0.9);
        return RunSpec.builder().setModel("dcgan").optBatchSize(batch).optSeed(seed)
                .optSteps(1_000_000).optModelOptions(Map.of("norm", "layer"))
                .opt("loss", "wasserstein").opt("n-critic", 5)
                .opt("regularizers", List.of(Map.of("name", "wgan-gp", "weight", 10,
                        "options", Map.of("route", route))))
                .optOptimizer("generator", adam).optOptimizer("discriminator", adam)
                .build(registry);
    }

    /** The route a preference picks for the WGAN-GP workload's critic on this engine. */
    static String routeName(Registry registry, String route) {
        var critic = registry.discriminator("dcgan").create(new NetworkSpec(SAMPLE, 100,
                new Options("model 'dcgan'", Map.of("norm", "layer")), false));
        return InputGradientRoutes.select(route, critic, "bench").name();
    }

    /**
     * Times WGAN-GP iterations (5 critic updates with the penalty, 1 generator update) on one
     * fixed batch of uniform [-1, 1) images, as the reference does (images/s counts the
     * generator's batch once per iteration).
     */
    static void timeWganGp(int batch, int warmup, int iterations, int reps,
            String route) {
        Registry registry = Gen4j.registry();
        String used = routeName(registry, route);
        RunSpec spec = wganGpSpec(registry, batch, 0, route);
        StepBench.time(StepBench.impl(used), "route=" + used, spec, registry,
                DataInfo.unlabelled(SAMPLE, "bench"), StepBench.uniform(batch * 28 * 28), warmup,
                iterations, reps);
    }

    /**
     * Times the train step as the reference does: one fixed batch of uniform [-1, 1) images (or
     * of the embedded Fashion-MNIST sample), warm-up steps, then {@code reps} repetitions of
     * {@code steps} steps.
     */
    static void timeSteps(int batch, int warmup, int steps, int reps,
            boolean fashion, boolean reuseFakes) {
        Registry registry = Gen4j.registry();
        float[] real;
        if (fashion) {
            real = new float[batch * 28 * 28];
            SampleSet sample = org.gen4j.core.data.FashionMnist.sample("train");
            for (int i = 0; i < batch; i++) {
                sample.copySample(i, real, i * 28 * 28);
            }
        } else {
            real = StepBench.uniform(batch * 28 * 28);
        }
        StepBench.time(StepBench.impl(reuseFakes ? "" : "two-pass"), "data="
                + (fashion ? "fashion" : "uniform") + " reuse_fakes=" + reuseFakes,
                spec(registry, batch, 0, reuseFakes), registry,
                DataInfo.unlabelled(SAMPLE, "bench"), real, warmup, steps, reps);
    }

    /**
     * Trains DCGAN on real data for {@code steps} steps, sampling the trainer's array count and
     * the resident memory every {@code every} steps; returns the samples as rows.
     */
    static List<long[]> memory(SampleSet data, int batch, int steps, int every) {
        Registry registry = Gen4j.registry();
        List<long[]> rows = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager();
                Trainer t = trainer(registry, batch, 0, m);
                BatchLoader loader = BatchLoader.start(data, batch, 0)) {
            for (int i = 1; i <= steps; i++) {
                t.step(loader::next);
                if (i % every == 0) {
                    Runtime rt = Runtime.getRuntime();
                    long[] row = {i, t.manager().getManagedArrays().size(),
                        m.getManagedArrays().size(), Memory.rssMb(),
                        (rt.totalMemory() - rt.freeMemory()) >> 20};
                    rows.add(row);
                    System.out.printf("step %5d  arrays %d/%d  rss %d MB  heap %d MB%n", row[0],
                            row[1], row[2], row[3], row[4]);
                }
            }
        }
        return rows;
    }

    /** Reads the resident and peak memory of this process from /proc. */
    static final class Memory {
        private Memory() {}

        static long rssMb() {
            return field("VmRSS:");
        }

        static long peakRssMb() {
            return field("VmHWM:");
        }

        private static long field(String name) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith(name)) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                    }
                }
            } catch (java.io.IOException | NumberFormatException e) {
                return -1;
            }
            return -1;
        }
    }

    /** Parses "key=value" pairs of a RESULT line. */
    static Map<String, String> parseResult(String line) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (String part : line.substring(line.indexOf("RESULT") + 6).trim().split("\\s+")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                map.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return map;
    }
}
