package org.gen4j.models.gan.procedure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gen4j.core.augment.DiffAugment;
import org.gen4j.core.procedure.WeightAverage;
import org.gen4j.core.spec.RegularizerSpec;
import org.gen4j.core.spec.SpecKey;

/** The spec keys of the GAN procedures. */
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
    /** Whether the generator update reuses the critic update's fakes. */
    public static final SpecKey<Boolean> REUSE_FAKES = SpecKey.bool("reuse-fakes", false,
            "with n-critic 1: true back-propagates the generator update through the fakes of"
                    + " the step's critic update (one generator pass per step, as PyTorch's DCGAN"
                    + " example; about 10% faster); false generates new ones from new noise");
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

    /** The weight of ACGAN's classification terms. */
    public static final SpecKey<Double> CLASS_WEIGHT = SpecKey.number("class-weight", 1, 0, 1e4,
            "acgan: the weight of the auxiliary classifier's cross-entropy in both updates");
    /** InfoGAN's categorical code size. */
    public static final SpecKey<Integer> CATEGORIES = SpecKey.integer("categories", 10, 2, 1000,
            "infogan: the values of the categorical code");
    /** InfoGAN's continuous codes. */
    public static final SpecKey<Integer> CONTINUOUS_CODES = SpecKey.integer("continuous-codes", 2,
            0, 100, "infogan: the continuous codes, each drawn from U(-1, 1)");
    /** InfoGAN's lambda. */
    public static final SpecKey<Double> INFO_WEIGHT = SpecKey.number("info-weight", 1, 0, 1e4,
            "infogan: lambda, the weight of the mutual-information term in both updates");
    /** The weight of InfoGAN's continuous codes within the information term. */
    public static final SpecKey<Double> CONTINUOUS_WEIGHT = SpecKey.number("continuous-weight",
            0.1, 0, 1e4, "infogan: the weight of the continuous codes' Gaussian term within the"
                    + " information term");

    /** ProGAN's steps per phase. */
    public static final SpecKey<Long> PHASE_STEPS = SpecKey.longInteger("phase-steps", 0, 0,
            Long.MAX_VALUE / 4, "progan: steps of each stable and each fade-in phase; 0: the"
                    + " run's steps split evenly into the 2n - 1 phases of n stages");

    private GanKeys() {}

    /** The keys every GAN procedure takes. */
    static List<SpecKey<?>> common() {
        return List.of(DISCRIMINATOR, LATENT_SIZE, LOSS, LOSS_OPTIONS, REGULARIZERS, N_CRITIC,
                REUSE_FAKES, INIT_STD, DiffAugment.KEY, WeightAverage.KEY);
    }

    /** The common keys but the initialisation's (ProGAN's equalised layers start at N(0, 1)). */
    static List<SpecKey<?>> progan() {
        List<SpecKey<?>> all = new ArrayList<>(common());
        all.remove(INIT_STD);
        all.add(PHASE_STEPS);
        return List.copyOf(all);
    }

    /** The common keys and these. */
    static List<SpecKey<?>> with(SpecKey<?>... more) {
        List<SpecKey<?>> all = new ArrayList<>(common());
        all.addAll(List.of(more));
        return List.copyOf(all);
    }
}
