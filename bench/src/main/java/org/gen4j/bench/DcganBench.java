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
import org.gen4j.core.model.NetworkSpec;
import org.gen4j.core.optim.OptimizerSpec;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.train.GanSetup;
import org.gen4j.core.train.GanTrainer;
import org.gen4j.core.train.WeightedRegularizer;
import org.gen4j.core.util.Options;

/** The DCGAN train-step workloads the benchmarks time, built through the plugin registry. */
final class DcganBench {

    private DcganBench() {}

    /** The DCGAN of the reference script: width 64, z 100, 28x28x1, non-saturating, Adam 2e-4/0.5. */
    static GanTrainer trainer(Registry registry, int batch, long seed, NDManager manager) {
        Shape shape = new Shape(1, 28, 28);
        var g = registry.generator("dcgan").create(
                new NetworkSpec(shape, 100, Options.empty("model 'dcgan'")));
        var d = registry.discriminator("dcgan").create(
                new NetworkSpec(shape, 100, Options.empty("model 'dcgan'")));
        var loss = registry.loss("non-saturating").create(Options.empty("loss"));
        return new GanTrainer(new GanSetup(g, d, loss, List.of(), 1, batch,
                OptimizerSpec.dcganAdam(), OptimizerSpec.dcganAdam(), seed, 0.02f), manager);
    }

    /**
     * The WGAN-GP workload of {@code bench/reference/wgan_gp.py}: the 28x28 DCGAN generator, the
     * DCGAN critic with layer normalisation instead of BatchNorm ({@code norm=layer}), the
     * Wasserstein loss with the {@code wgan-gp} penalty (lambda 10) on the given route, Adam 1e-4
     * betas (0, 0.9), 5 critic updates per generator update.
     */
    static GanTrainer wganGpTrainer(Registry registry, int batch, long seed, String route,
            NDManager manager) {
        Shape shape = new Shape(1, 28, 28);
        var g = registry.generator("dcgan").create(
                new NetworkSpec(shape, 100, Options.empty("model 'dcgan'")));
        var d = registry.discriminator("dcgan").create(new NetworkSpec(shape, 100,
                new Options("model 'dcgan'", Map.of("norm", "layer")), false));
        var loss = registry.loss("wasserstein").create(Options.empty("loss"));
        var gp = registry.regularizer("wgan-gp").create(
                new Options("regularizer 'wgan-gp'", Map.of("route", route)));
        OptimizerSpec adam = new OptimizerSpec("adam", 1e-4, 0, 0.9, 1e-8, 0);
        GanTrainer t = new GanTrainer(new GanSetup(g, d, loss,
                List.of(new WeightedRegularizer(gp, 10)), 5, batch, adam, adam, seed, 0.02f),
                manager);
        t.checkRegularizers();
        return t;
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
                GanTrainer t = wganGpTrainer(registry, batch, 0, route, m)) {
            for (int i = 0; i < warmup; i++) {
                t.step(() -> real);
            }
            for (int rep = 0; rep < reps; rep++) {
                long start = System.nanoTime();
                for (int i = 0; i < iterations; i++) {
                    t.step(() -> real);
                }
                double perIteration = (System.nanoTime() - start) / 1e6 / iterations;
                ms.add(perIteration);
                System.out.printf("rep %d: %.1f ms/iteration%n", rep, perIteration);
            }
            used = ((org.gen4j.losses.regularizer.GradientPenalty) t.setup().regularizers().get(0)
                    .regularizer()).route().name();
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
    static double timeSteps(int batch, int warmup, int steps, int reps, boolean fashion) {
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
        try (NDManager m = NDManager.newBaseManager(); GanTrainer t = trainer(registry, batch, 0, m)) {
            for (int i = 0; i < warmup; i++) {
                t.step(() -> real);
            }
            for (int rep = 0; rep < reps; rep++) {
                long start = System.nanoTime();
                for (int i = 0; i < steps; i++) {
                    t.step(() -> real);
                }
                double rate = (double) steps * batch / ((System.nanoTime() - start) / 1e9);
                rates.add(rate);
                System.out.printf("rep %d: %.1f images/s%n", rep, rate);
            }
        }
        Collections.sort(rates);
        double median = rates.get(rates.size() / 2);
        String engine = Engine.getInstance().getEngineName();
        System.out.printf("RESULT impl=gen4j-%s engine=%s batch=%d data=%s images_per_s=%.1f"
                        + " peak_rss_mb=%d%n", engine.toLowerCase(java.util.Locale.ROOT), engine,
                batch, fashion ? "fashion" : "uniform", median, Memory.peakRssMb());
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
                GanTrainer t = trainer(registry, batch, 0, m);
                BatchLoader loader = BatchLoader.start(data, batch, 0)) {
            for (int i = 1; i <= steps; i++) {
                t.step(() -> loader.next().data());
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
