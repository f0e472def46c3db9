package org.gen4j.core.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import org.gen4j.core.optim.OptimizerSpec;

/**
 * Everything that defines a GAN training run; saved with every checkpoint as its provenance.
 *
 * <p>Written in specs and on the command line with kebab-case keys. {@link SpecLoader} merges a
 * user's keys over {@link #defaults()} and rejects unknown keys; {@link #validate()} checks ranges.
 *
 * @param preset the preset the run started from ({@link Presets}), or null; provenance only:
 *     its keys are already resolved into the other fields
 * @param model the generator architecture ("dcgan", "mlp-gan")
 * @param discriminator the discriminator architecture; null means the same name as the model
 * @param modelOptions architecture options (for example {@code width})
 * @param latentSize the latent vector size, in [1, 4096]
 * @param loss the adversarial loss ("non-saturating", "minimax", ...)
 * @param lossOptions the loss's options
 * @param regularizers discriminator regularizers with weights
 * @param data a folder of IDX files or images, or a registered data set name
 * @param dataOptions the data set's options
 * @param batchSize samples per step, in [1, 65536]
 * @param steps generator updates to train; 0 means train {@code epochs} epochs
 * @param epochs epochs to train when {@code steps} is 0, in [0, 100000]
 * @param nCritic discriminator updates per generator update, in [1, 100]
 * @param optimizerG the generator's optimizer
 * @param optimizerD the discriminator's optimizer
 * @param seed the seed of every random stream (initialisation, noise, data order)
 * @param checkpointEvery steps between checkpoints, in [1, 10^9]; one is also written at the end
 * @param keepCheckpoints how many recent checkpoints to keep, in [1, 1000]
 * @param logEvery steps between rows of the metrics log, in [1, 10^6]
 * @param sampleCount images in each sample grid, in [1, 1024]
 */
@JsonPropertyOrder(alphabetic = false)
public record RunSpec(
        @JsonProperty("preset") String preset,
        @JsonProperty("model") String model,
        @JsonProperty("discriminator") String discriminator,
        @JsonProperty("model-options") Map<String, Object> modelOptions,
        @JsonProperty("latent-size") int latentSize,
        @JsonProperty("loss") String loss,
        @JsonProperty("loss-options") Map<String, Object> lossOptions,
        @JsonProperty("regularizers") List<RegularizerSpec> regularizers,
        @JsonProperty("data") String data,
        @JsonProperty("data-options") Map<String, Object> dataOptions,
        @JsonProperty("batch-size") int batchSize,
        @JsonProperty("steps") long steps,
        @JsonProperty("epochs") int epochs,
        @JsonProperty("n-critic") int nCritic,
        @JsonProperty("optimizer-g") OptimizerSpec optimizerG,
        @JsonProperty("optimizer-d") OptimizerSpec optimizerD,
        @JsonProperty("seed") long seed,
        @JsonProperty("checkpoint-every") int checkpointEvery,
        @JsonProperty("keep-checkpoints") int keepCheckpoints,
        @JsonProperty("log-every") int logEvery,
        @JsonProperty("sample-count") int sampleCount) {

    /** Normalises nulls to empty collections. */
    public RunSpec {
        modelOptions = modelOptions == null ? Map.of() : modelOptions;
        lossOptions = lossOptions == null ? Map.of() : lossOptions;
        dataOptions = dataOptions == null ? Map.of() : dataOptions;
        regularizers = regularizers == null ? List.of() : List.copyOf(regularizers);
    }

    /**
     * The defaults: DCGAN with the non-saturating loss on the embedded Fashion-MNIST sample, Adam
     * 2e-4 with beta1 0.5 for both networks (the DCGAN paper), batch 64, 20 epochs (1,240 steps,
     * about 4.5 minutes on 2 cores: the shortest run whose grids show every kind of clothing).
     */
    public static RunSpec defaults() {
        return new RunSpec(null, "dcgan", null, Map.of(), 100, "non-saturating", Map.of(), List.of(),
                "fashion-mnist-sample", Map.of(), 64, 0, 20, 1, OptimizerSpec.dcganAdam(),
                OptimizerSpec.dcganAdam(), 42, 500, 2, 10, 64);
    }

    /** The discriminator architecture's name: {@link #discriminator} or, if unset, the model's. */
    public String discriminatorName() {
        return discriminator == null ? model : discriminator;
    }

    /**
     * Checks every value and every cross-option constraint.
     *
     * @throws IllegalArgumentException naming the key, the value and the allowed range
     */
    public RunSpec validate() {
        requireName("model", model);
        requireName("loss", loss);
        requireName("data", data);
        range("latent-size", latentSize, 1, 4096);
        range("batch-size", batchSize, 1, 65536);
        range("steps", steps, 0, 1_000_000_000L);
        range("epochs", epochs, 0, 100_000);
        range("n-critic", nCritic, 1, 100);
        range("checkpoint-every", checkpointEvery, 1, 1_000_000_000L);
        range("keep-checkpoints", keepCheckpoints, 1, 1000);
        range("log-every", logEvery, 1, 1_000_000);
        range("sample-count", sampleCount, 1, 1024);
        if (steps == 0 && epochs == 0) {
            throw new IllegalArgumentException(
                    "steps and epochs are both 0: set steps (generator updates) or epochs (>= 1)");
        }
        if (optimizerG == null) {
            throw new IllegalArgumentException("optimizer-g is missing");
        }
        if (optimizerD == null) {
            throw new IllegalArgumentException("optimizer-d is missing");
        }
        optimizerG.validate("optimizer-g");
        optimizerD.validate("optimizer-d");
        for (int i = 0; i < regularizers.size(); i++) {
            RegularizerSpec r = regularizers.get(i);
            requireName("regularizers[" + i + "].name", r.name());
            if (r.weight() != null && !(r.weight() >= 0 && r.weight() <= 1e6)) {
                throw new IllegalArgumentException("regularizers[" + i + "].weight must be in "
                        + "[0, 1000000], got " + r.weight());
            }
        }
        return this;
    }

    private static void requireName(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " must be set");
        }
    }

    private static void range(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    key + " must be in [" + min + ", " + max + "], got " + value);
        }
    }
}
