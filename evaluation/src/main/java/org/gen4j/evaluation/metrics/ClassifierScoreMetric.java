package org.gen4j.evaluation.metrics;

import org.gen4j.core.metric.MetricInput;
import org.gen4j.core.metric.MetricInputs;
import org.gen4j.core.metric.MetricResult;
import org.gen4j.core.metric.PointSet;
import org.gen4j.core.util.Options;
import org.gen4j.evaluation.stats.ClassProbabilities;

/**
 * {@value #NAME}: the Inception Score computed with the data set's own classifier,
 * \( \exp\big(\mathbb{E}_x\, \mathrm{KL}(p(y|x) \,\|\, p(y))\big) \) (Salimans et al., "Improved
 * Techniques for Training GANs", NeurIPS 2016).
 *
 * <p>High when each sample is classified confidently and the classes are used evenly: it ranges
 * from 1 to the number of classes. It is computed on {@code splits} consecutive chunks of the
 * samples, each with its own marginal {@code p(y)}, and reported as the mean and population
 * standard deviation over chunks, as in the reference code; see
 * {@link ClassProbabilities#classifierScore}. It ignores the real data, so it cannot see a
 * generator that reproduces the training set or misses variation within a class.
 *
 * <p>Inputs: class probabilities of the generated samples. Options: {@code splits} (default
 * {@value #DEFAULT_SPLITS}, at most the number of samples). Values:
 * {@code classifier_score_mean}, {@code classifier_score_std}. Details: {@code splits},
 * {@code generated_count}, {@code classes}.
 */
public final class ClassifierScoreMetric extends AbstractMetric {

    /** The registered name. */
    public static final String NAME = "classifier-score";

    /** The default number of splits, as in the reference code. */
    public static final int DEFAULT_SPLITS = 10;

    private final int splits;

    /** A classifier-score metric with option {@code splits}. */
    public ClassifierScoreMetric(Options options) {
        super(NAME, MetricInput.GENERATED_PROBABILITIES);
        this.splits = options.getInt("splits", DEFAULT_SPLITS, 1, 1_000_000);
        options.checkAllUsed();
    }

    @Override
    MetricResult computeChecked(MetricInputs in) {
        PointSet p = in.generatedProbabilities();
        ClassProbabilities.SplitScores s = ClassProbabilities.classifierScore(p, splits);
        return result(values("classifier_score_mean", s.mean(), "classifier_score_std", s.std()),
                "splits", splits,
                "generated_count", p.size(),
                "classes", p.dimension());
    }
}
