package org.gen4j.bench;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gen4j.core.procedure.DataInfo;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.Registry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Times the train step of the {@code vae} and {@code pixelcnn} workloads (the networks of
 * {@code bench/run vae} and {@code bench/run pixelcnn}) on one fixed batch of random binary
 * images, as {@code bench/reference/vae.py --bench} and {@code pixelcnn.py --bench} time theirs.
 */
@Command(name = "likelihood-step", description = "Time the VAE or PixelCNN train step of the vae"
        + " and pixelcnn benchmarks on one fixed batch of random binary images, on this JVM's"
        + " engine (-Dai.djl.default_engine=MXNet|PyTorch).")
final class LikelihoodStep implements Callable<Integer> {

    private static final Shape SAMPLE = new Shape(1, 28, 28);

    @Option(names = "--model", required = true, description = "vae or pixelcnn.")
    String model;
    @Option(names = "--batch", description = "Default: 100 for vae, 64 for pixelcnn.")
    Integer batch;
    @Option(names = "--warmup", defaultValue = "20") int warmup;
    @Option(names = "--steps", defaultValue = "50") int steps;
    @Option(names = "--reps", defaultValue = "3") int reps;

    /** The spec of a workload at a batch size. */
    static RunSpec spec(Registry registry, String model, int batch) {
        RunSpec.Builder b = RunSpec.builder().setModel(model).optBatchSize(batch).optSeed(0)
                .optSteps(1_000_000);
        return switch (model) {
            case "vae" -> b.optModelOptions(Map.of("architecture", "mlp", "hidden",
                    List.of(512, 256))).opt("latent-size", 32).opt("decoder", "bernoulli")
                    .build(registry);
            case "pixelcnn" -> b.opt("output", "bernoulli").build(registry);
            default -> throw new IllegalArgumentException("--model must be vae or pixelcnn, got "
                    + model);
        };
    }

    @Override
    public Integer call() {
        int n = batch != null ? batch : model.equals("vae") ? 100 : 64;
        Registry registry = Gen4j.registry();
        RunSpec spec = spec(registry, model, n);
        StepBench.time(StepBench.impl(""), "model=" + model, spec, registry,
                DataInfo.unlabelled(SAMPLE, "random binary images"),
                StepBench.binary(Math.toIntExact(n * SAMPLE.size())), warmup, steps, reps);
        return 0;
    }
}
