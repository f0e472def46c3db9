package org.gen4j.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.gen4j.core.data.BatchLoader;
import org.gen4j.core.data.SampleSet;
import org.gen4j.core.grad.InputGradientRoutes;
import org.gen4j.core.model.NetworkSpec;
import org.gen4j.core.optim.OptimizerSpec;
import org.gen4j.core.procedure.DataInfo;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.train.Batches;
import org.gen4j.core.train.ProcedureTrainer;
import org.gen4j.core.train.Trainer;
import org.gen4j.core.util.Options;

/** The DCGAN train-step workloads the benchmarks time, built through the plugin registry. */
final class DcganBench {

    private DcganBench() {}

    private static final Shape SAMPLE = new Shape(1, 28, 28);

    /** The DCGAN of the reference script: width 64, z 100, 28x28x1, non-saturating, Adam 2e-4/0.5. */
    static Trainer trainer(Registry registry, int batch, long seed, NDManager manager) {
        return trainer(registry, batch, seed, true, manager);
    }

    /**
     * The reference DCGAN; {@code reuseFakes} false runs the generator a second time for its
     * update, on new noise.
     */
    static Trainer trainer(Registry registry, int batch, long seed, boolean reuseFakes,
            NDManager manager) {
        RunSpec spec = RunSpec.builder().setModel("dcgan").optBatchSize(batch).optSeed(seed)
                .optSteps(1_000_000).opt("reuse-fakes", reuseFakes).build(registry);
        return ProcedureTrainer.create(spec, registry, DataInfo.unlabelled(SAMPLE, "bench"),
                spec.steps(), manager);
    }

    /**
     * The WGAN-GP workload of {@code bench/reference/wgan_gp.py}: the 28x28 DCGAN generator, the
     * DCGAN critic with layer normalisation instead of BatchNorm ({@code norm=layer}), the
     * Wasserstein loss with the {@code wgan-gp} penalty (lambda 10) on the given route, Adam 1e-4
     * betas (0, 0.9), 5 critic updates per generator update.
     */
    static Trainer wganGpTrainer(Registry registry, int batch, long seed, String route,
            NDManager manager) {
        OptimizerSpec adam = OptimizerSpec.adam(1e-4, 0.0, 0.9);
        RunSpec spec = RunSpec.builder().setModel("dcgan").optBatchSize(batch).optSeed(seed)
                .optSteps(1_000_000).optModelOptions(Map.of("norm", "layer"))
                .opt("loss", "wasserstein").opt("n-critic", 5)
                .opt("regularizers", List.of(Map.of("name", "wgan-gp", "weight", 10,
                        "options", Map.of("route", route))))
                .optOptimizer("generator", adam).optOptimizer("discriminator", adam)
                .build(registry);
        return ProcedureTrainer.create(spec, registry, DataInfo.unlabelled(SAMPLE, "bench"),
                spec.steps(), manager);
    }

    /** The route a preference picks for the WGAN-GP workload's critic on this engine. */
    static String routeName(Registry registry, String route) {
        var critic = registry.discriminator("dcgan").create(new NetworkSpec(SAMPLE, 100,
                new Options("model 'dcgan'", Map.of("norm", "layer")), false));
        return InputGradientRoutes.select(route, critic, "bench").name();
    }

    /** Serves one fixed batch for ever. */
    static Batches fixed(float[] real, int batch) {
        Shape shape = new Shape(batch).addAll(SAMPLE);
        int[] indices = new int[batch];
        return () -> new BatchLoader.Batch(0, 0, real, null, indices, shape);
    }

    /**
     * Times WGAN-GP iterations (5 critic updates with the penalty, 1 generator update) on one
     * fixed batch of uniform [-1, 1) images, as the reference does; prints each repetition and a
     * RESULT line with the median (images/s counts the generator's batch once per iteration).
     */
    static double timeWganGp(int batch, int warmup, int iterations, int reps, String route) {
        Registry registry = Gen4j.registry();
        float[] real = new float[batch * 28 * 28];
        RandomStream r = new RandomStream(1);
        for (int i = 0; i < real.length; i++) {
            real[i] = r.nextFloat() * 2 - 1;
        }
        List<Double> ms = new ArrayList<>();
        String used;
        try (NDManager m = NDManager.newBaseManager();
                Trainer t = wganGpTrainer(registry, batch, 0, route, m)) {
            Batches fixed = fixed(real, batch);
            for (int i = 0; i < warmup; i++) {
                t.step(fixed);
            }
            for (int rep = 0; rep < reps; rep++) {
                long start = System.nanoTime();
                for (int i = 0; i < iterations; i++) {
                    t.step(fixed);
                }
                double perIteration = (System.nanoTime() - start) / 1e6 / iterations;
                ms.add(perIteration);
                System.out.printf("rep %d: %.1f ms/iteration%n", rep, perIteration);
            }
            used = routeName(registry, route);
        }
        Collections.sort(ms);
        double median = ms.get(ms.size() / 2);
        String engine = Engine.getInstance().getEngineName();
        System.out.printf("RESULT impl=gen4j-%s-%s engine=%s route=%s batch=%d images_per_s=%.1f"
                        + " ms_per_iteration=%.1f peak_rss_mb=%d%n",
                engine.toLowerCase(java.util.Locale.ROOT), used, engine, used, batch,
                batch * 1000 / median, median, Memory.peakRssMb());
        return median;
    }

    /**
     * Times the train step as the reference does: one fixed batch of uniform [-1, 1) images,
     * warm-up steps, then {@code reps} repetitions of {@code steps} steps; prints each repetition
     * and a RESULT line with the median.
     */
    static double timeSteps(int batch, int warmup, int steps, int reps, boolean fashion,
            boolean reuseFakes) {
        Registry registry = Gen4j.registry();
        float[] real = new float[batch * 28 * 28];
        if (fashion) {
            SampleSet sample = org.gen4j.core.data.FashionMnist.sample("train");
            for (int i = 0; i < batch; i++) {
                sample.copySample(i, real, i * 28 * 28);
            }
        } else {
            RandomStream r = new RandomStream(1);
            for (int i = 0; i < real.length; i++) {
                real[i] = r.nextFloat() * 2 - 1;
            }
        }
        List<Double> rates = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager();
                Trainer t = trainer(registry, batch, 0, reuseFakes, m)) {
            Batches fixed = fixed(real, batch);
            for (int i = 0; i < warmup; i++) {
                t.step(fixed);
            }
            for (int rep = 0; rep < reps; rep++) {
                long start = System.nanoTime();
                for (int i = 0; i < steps; i++) {
                    t.step(fixed);
                }
                double rate = (double) steps * batch / ((System.nanoTime() - start) / 1e9);
                rates.add(rate);
                System.out.printf("rep %d: %.1f images/s%n", rep, rate);
            }
        }
        Collections.sort(rates);
        double median = rates.get(rates.size() / 2);
        String engine = Engine.getInstance().getEngineName();
        System.out.printf("RESULT impl=gen4j-%s%s engine=%s batch=%d data=%s reuse_fakes=%s"
                        + " images_per_s=%.1f peak_rss_mb=%d%n",
                engine.toLowerCase(java.util.Locale.ROOT), reuseFakes ? "" : "-two-pass", engine,
                batch, fashion ? "fashion" : "uniform", reuseFakes, median, Memory.peakRssMb());
        return median;
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
