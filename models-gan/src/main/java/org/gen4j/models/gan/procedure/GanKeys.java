package org.gen4j.models.gan.procedure;

import java.util.List;
import java.util.Map;
import org.gen4j.core.augment.DiffAugment;
import org.gen4j.core.procedure.WeightAverage;
import org.gen4j.core.spec.RegularizerSpec;
import org.gen4j.core.spec.SpecKey;

/** The spec keys of the GAN procedures ({@code gan} and {@code cgan}). */
public final class GanKeys {

    /** The discriminator's architecture; unset means the generator's. */
    public static final SpecKey<String> DISCRIMINATOR = SpecKey.name("discriminator", null,
            "the discriminator's architecture (gen4j list discriminators); default: the"
                    + " generator's");
    /** The latent vector's size. */
    public static final SpecKey<Integer> LATENT_SIZE = SpecKey.integer("latent-size", 100, 1,
            4096, "the size of the latent vector");
    /** The adversarial loss. */
    public static final SpecKey<String> LOSS = SpecKey.name("loss", "non-saturating",
            "the adversarial loss (gen4j list losses), or a preset's name");
    /** The loss's options. */
    public static final SpecKey<Map<String, Object>> LOSS_OPTIONS = SpecKey.options(
            "loss-options", "options of the loss");
    /** Regularizers of the discriminator, with weights. */
    public static final SpecKey<List<RegularizerSpec>> REGULARIZERS = SpecKey.list(
            "regularizers", RegularizerSpec.class, "penalties and constraints on the"
                    + " discriminator: [{name, weight, options}] (gen4j list regularizers)");
    /** Discriminator updates per generator update. */
    public static final SpecKey<Integer> N_CRITIC = SpecKey.integer("n-critic", 1, 1, 100,
            "discriminator updates per generator update");
    /** The standard deviation of the N(0, std) initial weights. */
    public static final SpecKey<Double> INIT_STD = SpecKey.number("init-std", 0.02, 1e-6, 10,
            "the standard deviation of the N(0, std) initial weights (DCGAN: 0.02)");
    /** How a conditional GAN encodes the label. */
    public static final SpecKey<String> CONDITION = SpecKey.custom("condition", "one-hot",
            "one-hot or embedding", n -> {
                String v = n.asText();
                if (!n.isTextual() || !(v.equals("one-hot") || v.equals("embedding"))) {
                    throw new IllegalArgumentException("condition must be one-hot or embedding,"
                            + " got " + n);
                }
                return v;
            }, "how the label is encoded before it is concatenated: one-hot or embedding");
    /** The size of a learned label embedding. */
    public static final SpecKey<Integer> EMBEDDING_SIZE = SpecKey.integer("embedding-size", 50,
            1, 4096, "values per class of the learned label embedding (condition: embedding)");

    private GanKeys() {}

    /** The keys of the unconditional {@code gan} procedure. */
    static List<SpecKey<?>> unconditional() {
        return List.of(DISCRIMINATOR, LATENT_SIZE, LOSS, LOSS_OPTIONS, REGULARIZERS, N_CRITIC,
                INIT_STD, DiffAugment.KEY, WeightAverage.KEY);
    }

    /** The keys of the conditional {@code cgan} procedure. */
    static List<SpecKey<?>> conditional() {
        return List.of(DISCRIMINATOR, LATENT_SIZE, LOSS, LOSS_OPTIONS, REGULARIZERS, N_CRITIC,
                INIT_STD, DiffAugment.KEY, WeightAverage.KEY, CONDITION, EMBEDDING_SIZE);
    }
}
