package org.gen4j.core.metric;

/** The kinds of input a metric can read from {@link MetricInputs}. */
public enum MetricInput {
    /** Feature vectors of the generated samples, from a feature network. */
    GENERATED_FEATURES("generated features"),
    /** Feature vectors of the reference (real) samples, from the same feature network. */
    REFERENCE_FEATURES("reference features"),
    /** Class probabilities {@code p(y|x)} of the generated samples, from a classifier. */
    GENERATED_PROBABILITIES("class probabilities of the generated samples"),
    /** The label each generated sample was conditioned on. */
    INTENDED_LABELS("intended labels of the generated samples"),
    /** Generated images and the target images they are compared with, pair by pair. */
    IMAGE_PAIRS("generated and target images"),
    /** Generated points of a low-dimensional mixture (for example 2D Gaussians). */
    POINTS("generated points"),
    /** The centers and standard deviation of the mixture the points should cover. */
    MIXTURE_MODES("mixture modes"),
    /** A model that computes the likelihood of data. */
    LIKELIHOOD_MODEL("likelihood model"),
    /** Held-out data whose likelihood is measured. */
    HELD_OUT_DATA("held-out data");

    private final String description;

    MetricInput(String description) {
        this.description = description;
    }

    /** A lower-case description for messages, for example "generated features". */
    public String description() {
        return description;
    }
}
