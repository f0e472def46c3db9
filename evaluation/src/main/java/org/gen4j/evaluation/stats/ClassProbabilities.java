package org.gen4j.evaluation.stats;

import java.util.Objects;
import org.gen4j.core.metric.PointSet;

/**
 * Scores computed from a classifier's class probabilities {@code p(y|x)} of generated samples: the
 * classifier score (the Inception Score with the data set's own classifier) and the accuracy of
 * class-conditional samples.
 *
 * <p>Rows must be probability distributions: non-negative, summing to 1 within
 * {@value #SUM_TOLERANCE} (softmax outputs in float pass). They are used as given, not
 * renormalised.
 */
public final class ClassProbabilities {

    /** The largest accepted {@code |sum_c p(c|x) - 1|} of a row. */
    public static final double SUM_TOLERANCE = 1e-4;

    private ClassProbabilities() {}

    /**
     * The classifier score over splits.
     *
     * @param scores the score of each split, in split order
     * @param mean their mean
     * @param std their population standard deviation ({@code ddof = 0})
     */
    public record SplitScores(double[] scores, double mean, double std) {}

    /**
     * The classifier score \( \exp\big(\mathbb{E}_x\, \mathrm{KL}(p(y|x) \,\|\, p(y))\big) \), with
     * \( p(y) \) the mean of \( p(y|x) \) over the split (Salimans et al., "Improved Techniques for
     * Training GANs", NeurIPS 2016), computed on {@code splits} consecutive chunks, chunk
     * {@code s} holding rows {@code [s n / splits, (s + 1) n / splits)} as in the reference code.
     * {@code 0 ln 0} counts as 0. It ranges from 1 (every sample gets the same distribution) to
     * the number of classes (confident predictions spread evenly over the classes).
     *
     * <p>Chunks are consecutive, so the rows should be in generation order (i.i.d.), not sorted.
     *
     * @param probabilities {@code [n][classes]} rows of class probabilities
     * @param splits the number of chunks, in [1, n]
     * @throws IllegalArgumentException if a row is not a distribution or splits is out of range
     */
    public static SplitScores classifierScore(PointSet probabilities, int splits) {
        checkRows(probabilities);
        int n = probabilities.size();
        if (splits < 1 || splits > n) {
            throw new IllegalArgumentException("classifier-score: splits must be in [1, " + n
                    + "] (at most one split per sample of " + probabilities.name() + "), got "
                    + splits);
        }
        int c = probabilities.dimension();
        double[] p = probabilities.toArray();
        double[] scores = new double[splits];
        double[] marginal = new double[c];
        for (int s = 0; s < splits; s++) {
            int from = (int) ((long) s * n / splits);
            int to = (int) ((long) (s + 1) * n / splits);
            java.util.Arrays.fill(marginal, 0);
            for (int i = from; i < to; i++) {
                for (int j = 0; j < c; j++) {
                    marginal[j] += p[i * c + j];
                }
            }
            for (int j = 0; j < c; j++) {
                marginal[j] /= to - from;
            }
            double kl = 0;
            for (int i = from; i < to; i++) {
                for (int j = 0; j < c; j++) {
                    double pij = p[i * c + j];
                    if (pij > 0) {
                        kl += pij * (Math.log(pij) - Math.log(marginal[j]));
                    }
                }
            }
            scores[s] = Math.exp(kl / (to - from));
        }
        double mean = 0;
        for (double v : scores) {
            mean += v;
        }
        mean /= splits;
        double var = 0;
        for (double v : scores) {
            var += (v - mean) * (v - mean);
        }
        return new SplitScores(scores, mean, Math.sqrt(var / splits));
    }

    /**
     * The share of samples whose most probable class (the first maximal one on ties) is the class
     * they were generated for.
     *
     * @param probabilities {@code p(y|x)} of each sample
     * @param intended the class each sample was conditioned on
     * @return the accuracy in [0, 1]
     * @throws IllegalArgumentException if the counts differ or a label is out of range
     */
    public static double conditionalAccuracy(PointSet probabilities, int[] intended) {
        double[] perClass = conditionalAccuracyPerClass(probabilities, intended);
        double correct = 0;
        int[] counts = new int[perClass.length];
        for (int y : intended) {
            counts[y]++;
        }
        for (int k = 0; k < perClass.length; k++) {
            if (counts[k] > 0) {
                correct += perClass[k] * counts[k];
            }
        }
        return correct / intended.length;
    }

    /**
     * The accuracy of {@link #conditionalAccuracy} for each intended class: among the samples
     * generated for class k, the share classified as k; NaN for a class no sample was generated
     * for.
     *
     * @return one value per class of the classifier
     */
    public static double[] conditionalAccuracyPerClass(PointSet probabilities, int[] intended) {
        checkRows(probabilities);
        Objects.requireNonNull(intended, "intended labels is null");
        int n = probabilities.size();
        int c = probabilities.dimension();
        if (intended.length != n) {
            throw new IllegalArgumentException("conditional-accuracy: " + intended.length
                    + " intended labels for " + n + " samples of " + probabilities.name()
                    + "; one label per sample is needed");
        }
        double[] p = probabilities.toArray();
        int[] correct = new int[c];
        int[] total = new int[c];
        for (int i = 0; i < n; i++) {
            if (intended[i] < 0 || intended[i] >= c) {
                throw new IllegalArgumentException("conditional-accuracy: intended label "
                        + intended[i] + " of sample " + i + " is outside [0, " + c + ") (the "
                        + c + " classes of the classifier)");
            }
            int best = 0;
            for (int j = 1; j < c; j++) {
                if (p[i * c + j] > p[i * c + best]) {
                    best = j;
                }
            }
            total[intended[i]]++;
            if (best == intended[i]) {
                correct[intended[i]]++;
            }
        }
        double[] out = new double[c];
        for (int k = 0; k < c; k++) {
            out[k] = total[k] == 0 ? Double.NaN : correct[k] / (double) total[k];
        }
        return out;
    }

    private static void checkRows(PointSet probabilities) {
        Objects.requireNonNull(probabilities, "probabilities is null");
        int c = probabilities.dimension();
        double[] p = probabilities.toArray();
        for (int i = 0; i < probabilities.size(); i++) {
            double sum = 0;
            for (int j = 0; j < c; j++) {
                double v = p[i * c + j];
                if (v < 0) {
                    throw new IllegalArgumentException(probabilities.name() + ": sample " + i
                            + " has the negative probability " + v + " for class " + j
                            + "; rows must be probability distributions (softmax outputs)");
                }
                sum += v;
            }
            if (Math.abs(sum - 1) > SUM_TOLERANCE) {
                throw new IllegalArgumentException(probabilities.name() + ": the probabilities of "
                        + "sample " + i + " sum to " + sum + "; rows must sum to 1 within "
                        + SUM_TOLERANCE + " (softmax outputs, not logits)");
            }
        }
    }
}
