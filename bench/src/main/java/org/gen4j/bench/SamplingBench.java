package org.gen4j.bench;

import ai.djl.engine.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.train.Checkpoints;
import org.gen4j.core.train.TrainedModel;
import org.gen4j.core.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench/run sampling}: the time to sample images from an autoregressive model naively
 * (the network once per value) and with the cache of earlier positions, on this JVM's engine.
 * Two runs of the same seed train the same weights (checked byte for byte), one with {@code
 * cached-sampling: false}; both then draw the same images from the same stream.
 */
@Command(name = "sampling", mixinStandardHelpOptions = true, description = "Time sampling"
        + " naive and cached from a briefly trained autoregressive model (default: the issue's"
        + " PixelCNN) on 28x28 binarised Fashion-MNIST.")
final class SamplingBench implements Callable<Integer> {

    @Option(names = "--model", defaultValue = "pixelcnn") String model;
    @Option(names = "--n", defaultValue = "64", description = "Images sampled.") int n;
    @Option(names = "--steps", defaultValue = "50", description = "Training steps first.")
    long steps;
    @Option(names = "--work", defaultValue = "bench/target/sampling") Path work;

    @Override
    public Integer call() throws Exception {
        Registry registry = Gen4j.registry();
        BenchFiles.deleteTree(work);
        double[] seconds = new double[2];
        float[][] images = new float[2][];
        byte[][] weights = new byte[2][];
        for (int v = 0; v < 2; v++) {
            boolean cached = v == 1;
            RunSpec spec = RunSpec.builder().setModel(model)
                    .optDataOptions(Map.of("binarize", "dynamic")).opt("output", "bernoulli")
                    .opt("cached-sampling", cached).optSteps(steps).optBatchSize(64).optSeed(3)
                    .optCheckpointEvery(Math.toIntExact(steps)).optSampleCount(1)
                    .build(registry);
            Path run = work.resolve(cached ? "cached" : "naive");
            try (TrainingRun r = TrainingRun.start(spec, registry, run)) {
                r.train(null);
            }
            weights[v] = Files.readAllBytes(Checkpoints.resolve(run).resolve("model.params"));
            try (TrainedModel m = TrainedModel.load(run, registry)) {
                m.sample(1, 0, null, 1); // warm-up
                long t0 = System.nanoTime();
                images[v] = m.sample(n, 7, null, n);
                seconds[v] = (System.nanoTime() - t0) / 1e9;
            }
            System.out.printf("%s: %d images of 28x28 in %.2f s%n", cached ? "cached" : "naive",
                    n, seconds[v]);
        }
        boolean sameWeights = Arrays.equals(weights[0], weights[1]);
        long differ = 0;
        for (int i = 0; i < images[0].length; i++) {
            differ += images[0][i] != images[1][i] ? 1 : 0;
        }
        System.out.printf("RESULT sampling model=%s engine=%s n=%d naive_s=%.2f cached_s=%.2f"
                + " speedup=%.1f same_weights=%s values_differing=%d%n", model,
                Engine.getInstance().getEngineName(), n, seconds[0], seconds[1],
                seconds[0] / seconds[1], sameWeights, differ);
        return 0;
    }
}
