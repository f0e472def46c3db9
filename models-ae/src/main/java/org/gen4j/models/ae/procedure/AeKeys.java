package org.gen4j.models.ae.procedure;

import java.util.List;
import java.util.Map;
import org.gen4j.core.spec.SpecKey;
import org.gen4j.core.likelihood.PixelLikelihoods;

/** The spec keys of the autoencoder procedures ({@code ae}, {@code vae}, {@code cvae}). */
public final class AeKeys {

    /** The code's size. */
    public static final SpecKey<Integer> LATENT_SIZE = SpecKey.integer("latent-size", 32, 1,
            4096, "the size of the latent code");
    /** The reconstruction term of {@code ae}. */
    public static final SpecKey<String> RECONSTRUCTION = SpecKey.name("loss", "l2",
            "the reconstruction term (gen4j list reconstruction-losses)");
    /** The objective of {@code vae} and {@code cvae}. */
    public static final SpecKey<String> OBJECTIVE = SpecKey.name("loss", "kl-reconstruction",
            "the VAE objective (gen4j list variational-losses)");
    /** The loss's options. */
    public static final SpecKey<Map<String, Object>> LOSS_OPTIONS = SpecKey.options(
            "loss-options", "options of the loss (kl-reconstruction: beta, warmup)");
    /** The decoder's distribution. */
    public static final SpecKey<String> DECODER = SpecKey.custom("decoder",
            PixelLikelihoods.BERNOULLI, "one of " + PixelLikelihoods.NAMES, n -> {
                if (!n.isTextual() || !PixelLikelihoods.NAMES.contains(n.asText())) {
                    throw new IllegalArgumentException("decoder must be one of "
                            + PixelLikelihoods.NAMES + ", got " + n);
                }
                return n.asText();
            }, "the decoder's distribution p(x|z): bernoulli (binarised data), gaussian (fixed"
                    + " decoder-std), gaussian-learned, logistic (8-bit images)");
    /** The fixed standard deviation of a Gaussian decoder. */
    public static final SpecKey<Double> DECODER_STD = SpecKey.number("decoder-std", 0.1, 1e-4,
            100, "the standard deviation of the gaussian decoder, in the data's units");
    /** How the conditional VAE encodes the label. */
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
    public static final SpecKey<Integer> EMBEDDING_SIZE = SpecKey.integer("embedding-size", 16,
            1, 4096, "values per class of the learned label embedding (condition: embedding)");

    private AeKeys() {}

    static List<SpecKey<?>> autoencoder() {
        return List.of(LATENT_SIZE, RECONSTRUCTION, LOSS_OPTIONS);
    }

    static List<SpecKey<?>> variational(boolean conditional) {
        return conditional
                ? List.of(LATENT_SIZE, OBJECTIVE, LOSS_OPTIONS, DECODER, DECODER_STD, CONDITION,
                        EMBEDDING_SIZE)
                : List.of(LATENT_SIZE, OBJECTIVE, LOSS_OPTIONS, DECODER, DECODER_STD);
    }
}
