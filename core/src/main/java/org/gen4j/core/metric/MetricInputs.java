package org.gen4j.core.metric;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import org.gen4j.core.data.SampleSet;
import org.gen4j.core.model.LikelihoodModel;

/**
 * Everything a set of metrics may read, gathered once: features, class probabilities, labels,
 * image pairs, mixture points, a likelihood model with held-out data, and the seed of any random
 * choice a metric makes (the subsets of {@code kid}).
 *
 * <p>Each input is optional; a metric declares the ones it needs ({@link Metric#inputs()}) and
 * calls {@link #require} first, which names every missing input. Built with {@link #builder()}:
 *
 * <pre>{@code
 * MetricInputs inputs = MetricInputs.builder()
 *         .optGeneratedFeatures(PointSet.of("generated features", generated))
 *         .optReferenceFeatures(PointSet.of("reference features", reference))
 *         .optSeed(42)
 *         .build();
 * }</pre>
 */
public final class MetricInputs {

    private final PointSet generatedFeatures;
    private final PointSet referenceFeatures;
    private final PointSet probabilities;
    private final int[] intendedLabels;
    private final ImageSet generatedImages;
    private final ImageSet targetImages;
    private final PointSet points;
    private final MixtureModes modes;
    private final LikelihoodModel likelihoodModel;
    private final SampleSet heldOutData;
    private final long seed;

    private MetricInputs(Builder b) {
        this.generatedFeatures = b.generatedFeatures;
        this.referenceFeatures = b.referenceFeatures;
        this.probabilities = b.probabilities;
        this.intendedLabels = b.intendedLabels;
        this.generatedImages = b.generatedImages;
        this.targetImages = b.targetImages;
        this.points = b.points;
        this.modes = b.modes;
        this.likelihoodModel = b.likelihoodModel;
        this.heldOutData = b.heldOutData;
        this.seed = b.seed;
    }

    /** A builder with no inputs and seed 0. */
    public static Builder builder() {
        return new Builder();
    }

    /** The inputs that are present. */
    public Set<MetricInput> present() {
        Set<MetricInput> set = EnumSet.noneOf(MetricInput.class);
        for (MetricInput input : MetricInput.values()) {
            if (has(input)) {
                set.add(input);
            }
        }
        return set;
    }

    /** Whether {@code input} is present. */
    public boolean has(MetricInput input) {
        return switch (input) {
            case GENERATED_FEATURES -> generatedFeatures != null;
            case REFERENCE_FEATURES -> referenceFeatures != null;
            case GENERATED_PROBABILITIES -> probabilities != null;
            case INTENDED_LABELS -> intendedLabels != null;
            case IMAGE_PAIRS -> generatedImages != null;
            case POINTS -> points != null;
            case MIXTURE_MODES -> modes != null;
            case LIKELIHOOD_MODEL -> likelihoodModel != null;
            case HELD_OUT_DATA -> heldOutData != null;
        };
    }

    /**
     * Fails unless every one of {@code needed} is present.
     *
     * @param metric the metric asking, for the message
     * @param needed the inputs it reads
     * @throws IllegalArgumentException naming the metric, what it needs and what is missing
     */
    public void require(String metric, Set<MetricInput> needed) {
        StringJoiner missing = new StringJoiner(", ");
        StringJoiner all = new StringJoiner(", ");
        for (MetricInput input : needed) {
            all.add(input.description());
            if (!has(input)) {
                missing.add(input.description());
            }
        }
        if (missing.length() > 0) {
            throw new IllegalArgumentException("metric '" + metric + "' needs " + all
                    + "; missing: " + missing);
        }
    }

    private static <T> T get(T value, MetricInput input) {
        if (value == null) {
            throw new IllegalArgumentException("input '" + input.description() + "' was not given");
        }
        return value;
    }

    /** The feature vectors of the generated samples. */
    public PointSet generatedFeatures() {
        return get(generatedFeatures, MetricInput.GENERATED_FEATURES);
    }

    /** The feature vectors of the reference samples. */
    public PointSet referenceFeatures() {
        return get(referenceFeatures, MetricInput.REFERENCE_FEATURES);
    }

    /** The class probabilities of the generated samples, {@code [n][classes]}. */
    public PointSet generatedProbabilities() {
        return get(probabilities, MetricInput.GENERATED_PROBABILITIES);
    }

    /** The label each generated sample was conditioned on; a copy. */
    public int[] intendedLabels() {
        return get(intendedLabels, MetricInput.INTENDED_LABELS).clone();
    }

    /** The generated images of the image pairs. */
    public ImageSet generatedImages() {
        return get(generatedImages, MetricInput.IMAGE_PAIRS);
    }

    /** The target images of the image pairs, in the same order as the generated ones. */
    public ImageSet targetImages() {
        return get(targetImages, MetricInput.IMAGE_PAIRS);
    }

    /** The generated points of a mixture. */
    public PointSet points() {
        return get(points, MetricInput.POINTS);
    }

    /** The modes of the mixture the points should cover. */
    public MixtureModes mixtureModes() {
        return get(modes, MetricInput.MIXTURE_MODES);
    }

    /** The likelihood model. */
    public LikelihoodModel likelihoodModel() {
        return get(likelihoodModel, MetricInput.LIKELIHOOD_MODEL);
    }

    /** The held-out data whose likelihood is measured. */
    public SampleSet heldOutData() {
        return get(heldOutData, MetricInput.HELD_OUT_DATA);
    }

    /** The seed of the metrics' random choices. */
    public long seed() {
        return seed;
    }

    /** Builds {@link MetricInputs}; every input is optional. */
    public static final class Builder {
        private PointSet generatedFeatures;
        private PointSet referenceFeatures;
        private PointSet probabilities;
        private int[] intendedLabels;
        private ImageSet generatedImages;
        private ImageSet targetImages;
        private PointSet points;
        private MixtureModes modes;
        private LikelihoodModel likelihoodModel;
        private SampleSet heldOutData;
        private long seed;

        private Builder() {}

        /** Sets the feature vectors of the generated samples. */
        public Builder optGeneratedFeatures(PointSet features) {
            this.generatedFeatures = Objects.requireNonNull(features, "generated features is null");
            return this;
        }

        /** Sets the feature vectors of the reference samples (same feature network). */
        public Builder optReferenceFeatures(PointSet features) {
            this.referenceFeatures = Objects.requireNonNull(features, "reference features is null");
            return this;
        }

        /** Sets the class probabilities {@code p(y|x)} of the generated samples. */
        public Builder optGeneratedProbabilities(PointSet probabilities) {
            this.probabilities = Objects.requireNonNull(probabilities, "probabilities is null");
            return this;
        }

        /** Sets the label each generated sample was conditioned on; copied. */
        public Builder optIntendedLabels(int[] labels) {
            this.intendedLabels = Objects.requireNonNull(labels, "intended labels is null").clone();
            return this;
        }

        /**
         * Sets the image pairs: generated image {@code i} is compared with target image {@code i}.
         *
         * @throws IllegalArgumentException if the two sets differ in count or image shape
         */
        public Builder optImagePairs(ImageSet generated, ImageSet target) {
            Objects.requireNonNull(generated, "generated images is null");
            Objects.requireNonNull(target, "target images is null");
            if (!generated.sameShape(target)) {
                throw new IllegalArgumentException("image pairs: " + generated.name() + " are "
                        + generated.shapeString() + " but " + target.name() + " are "
                        + target.shapeString() + "; pairs need the same count and image shape");
            }
            this.generatedImages = generated;
            this.targetImages = target;
            return this;
        }

        /** Sets the generated points of a mixture. */
        public Builder optPoints(PointSet points) {
            this.points = Objects.requireNonNull(points, "points is null");
            return this;
        }

        /** Sets the modes of the mixture the points should cover. */
        public Builder optMixtureModes(MixtureModes modes) {
            this.modes = Objects.requireNonNull(modes, "mixture modes is null");
            return this;
        }

        /** Sets the likelihood model and the held-out data it is measured on. */
        public Builder optLikelihood(LikelihoodModel model, SampleSet heldOutData) {
            this.likelihoodModel = Objects.requireNonNull(model, "likelihood model is null");
            this.heldOutData = Objects.requireNonNull(heldOutData, "held-out data is null");
            return this;
        }

        /** Sets the seed of the metrics' random choices; 0 by default. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The inputs. */
        public MetricInputs build() {
            return new MetricInputs(this);
        }
    }
}
