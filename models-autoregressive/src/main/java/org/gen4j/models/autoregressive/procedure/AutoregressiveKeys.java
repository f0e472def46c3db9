package org.gen4j.models.autoregressive.procedure;

import java.util.List;
import org.gen4j.core.likelihood.PixelLikelihoods;
import org.gen4j.core.spec.SpecKey;

/** The spec keys of the {@code autoregressive} procedure. */
public final class AutoregressiveKeys {

    /** Let the data decide the output. */
    public static final String AUTO = "auto";

    /** The per-value output distribution. */
    public static final SpecKey<String> OUTPUT = SpecKey.custom("output", AUTO,
            "auto, bernoulli or categorical", n -> {
                String v = n.asText();
                if (!n.isTextual() || !List.of(AUTO, PixelLikelihoods.BERNOULLI,
                        PixelLikelihoods.CATEGORICAL).contains(v)) {
                    throw new IllegalArgumentException("output must be auto, bernoulli or"
                            + " categorical, got " + n);
                }
                return v;
            }, "the distribution of each value: bernoulli (one logit, for binarised data),"
                    + " categorical (a 256-way softmax, for 8-bit images), or auto: bernoulli"
                    + " when data-options.binarize is dynamic or fixed, else categorical");
    /** Whether a conditional network sees the class. */
    public static final SpecKey<Boolean> CONDITIONAL = SpecKey.bool("conditional", false,
            "condition the network on the class label (gated-pixelcnn; labelled data)");
    /** The cached or the naive sampler. */
    public static final SpecKey<Boolean> CACHED_SAMPLING = SpecKey.bool("cached-sampling", true,
            "sample with a cache of the layers' activations, computing only the new position"
                    + " per value (false: run the whole network once per value)");

    private AutoregressiveKeys() {}

    static List<SpecKey<?>> all() {
        return List.of(OUTPUT, CONDITIONAL, CACHED_SAMPLING);
    }
}
