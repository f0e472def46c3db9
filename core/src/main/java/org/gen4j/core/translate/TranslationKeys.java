package org.gen4j.core.translate;

import java.util.List;
import java.util.Map;
import org.gen4j.core.spec.RegularizerSpec;
import org.gen4j.core.spec.SpecKey;

/**
 * The spec keys the image-to-image applications share: which registered networks they train,
 * with what options, and the adversarial loss. The generator's options are the spec's {@code
 * model-options}.
 */
public final class TranslationKeys {

    /** The critic, a registered patch discriminator. */
    public static final SpecKey<String> DISCRIMINATOR = SpecKey.name("discriminator", "patchgan",
            "the critic, a registered patch discriminator (gen4j list patch-discriminators)");

    /** The critic's options. */
    public static final SpecKey<Map<String, Object>> DISCRIMINATOR_OPTIONS = SpecKey.options(
            "discriminator-options", "options of the critic (receptive-field, width, norm)");

    /** The adversarial loss's options. */
    public static final SpecKey<Map<String, Object>> LOSS_OPTIONS = SpecKey.options(
            "loss-options", "options of the adversarial loss");

    /** The critics' regularizers. */
    public static final SpecKey<List<RegularizerSpec>> REGULARIZERS = SpecKey.list(
            "regularizers", RegularizerSpec.class, "penalties and constraints on the critics:"
                    + " [{name, weight, options}] (gen4j list regularizers)");

    /** The initialisation of every network. */
    public static final SpecKey<Double> INIT_STD = SpecKey.number("init-std", 0.02, 0, 10,
            "the N(0, std) initialisation of every network (0: Xavier)");

    private TranslationKeys() {}

    /** The adversarial loss, a registered loss, with an application's default. */
    public static SpecKey<String> loss(String defaultLoss) {
        return SpecKey.name("loss", defaultLoss, "the adversarial loss, a registered loss (gen4j"
                + " list losses)");
    }

    /** The generator key with an application's default network. */
    public static SpecKey<String> generator(String defaultNetwork) {
        return SpecKey.name("generator", defaultNetwork, "the image-to-image network, a"
                + " registered translator (gen4j list translators); its options are"
                + " model-options");
    }
}
