package org.gen4j.core.data;

import java.util.Objects;

/**
 * Mode coverage and sample quality on a mixture of isotropic Gaussians, the conventions of the
 * mode-collapse literature (VEEGAN, Srivastava et al. 2017; PacGAN, Lin et al. 2018).
 *
 * <p>A sample is <em>high quality</em> when it lies within {@code 3 * std} (Euclidean distance) of
 * its nearest mode center; it is then registered to that mode. A mode is <em>covered</em> when at
 * least {@code minCount} high-quality samples are registered to it; by default {@code minCount =
 * ceil(0.008 * n)}, which is PacGAN's 20 of 2,500 samples. The high-quality share is the fraction
 * of all samples that are high quality.
 *
 * @param modes the number of modes of the mixture
 * @param covered modes covered
 * @param highQualityShare the share of high-quality samples, in [0, 1]
 * @param samples the number of samples scored
 * @param minCount the high-quality samples a mode needed to count as covered
 * @param perMode high-quality samples registered to each mode
 */
public record ModeCoverage(int modes, int covered, double highQualityShare, int samples,
        int minCount, int[] perMode) {

    /** The default minimum count for {@code n} samples: {@code ceil(0.008 * n)}, at least 1. */
    public static int defaultMinCount(int n) {
        return Math.max(1, (int) Math.ceil(0.008 * n));
    }

    /** Scores points against a mixture with the default minimum count. */
    public static ModeCoverage of(float[] points, GaussianMixture mixture) {
        int dim = mixture.centers()[0].length;
        return of(points, mixture.centers(), mixture.std(), defaultMinCount(points.length / dim));
    }

    /**
     * Scores points against mode centers.
     *
     * @param points {@code n * dim} coordinates, point after point
     * @param centers the mode centers, {@code [modes][dim]}
     * @param std the standard deviation of every mode, &gt; 0
     * @param minCount high-quality samples a mode needs to count as covered, &gt;= 1
     * @throws IllegalArgumentException on an empty set, a length that is not whole points, a
     *     non-finite coordinate, or a bad std or minimum count
     */
    public static ModeCoverage of(float[] points, double[][] centers, double std, int minCount) {
        Objects.requireNonNull(points, "points is null");
        if (centers == null || centers.length == 0) {
            throw new IllegalArgumentException("mode coverage needs at least one mode center");
        }
        int dim = centers[0].length;
        if (points.length == 0 || points.length % dim != 0) {
            throw new IllegalArgumentException("mode coverage needs a non-empty set of " + dim
                    + "-D points, got " + points.length + " coordinates");
        }
        if (!(std > 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("mode std must be finite and > 0, got " + std);
        }
        if (minCount < 1) {
            throw new IllegalArgumentException("minCount must be >= 1, got " + minCount);
        }
        int n = points.length / dim;
        double[] coords = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            if (!Float.isFinite(points[i])) {
                throw new IllegalArgumentException("point " + i / dim + " has a non-finite"
                        + " coordinate " + points[i]);
            }
            coords[i] = points[i];
        }
        int[] perMode = highQualityPerMode(coords, dim, centers, 3 * std);
        int good = 0;
        for (int c : perMode) {
            good += c;
        }
        int covered = 0;
        for (int c : perMode) {
            if (c >= minCount) {
                covered++;
            }
        }
        return new ModeCoverage(centers.length, covered, good / (double) n, n, minCount,
                perMode.clone());
    }

    /**
     * Assigns each point to its nearest center (the lowest index among equally near ones) and
     * counts, per center, the points within {@code radius} of it: the high-quality points.
     *
     * @param points {@code n * dim} finite coordinates, point after point
     * @param dim the dimension of points and centers
     * @param centers the mode centers
     * @param radius the high-quality radius (3 std in the literature)
     * @return the high-quality count of every center
     */
    public static int[] highQualityPerMode(double[] points, int dim, double[][] centers,
            double radius) {
        double limit = radius * radius;
        int[] perMode = new int[centers.length];
        for (int i = 0; i < points.length / dim; i++) {
            int best = 0;
            double bestD = Double.POSITIVE_INFINITY;
            for (int k = 0; k < centers.length; k++) {
                double d = 0;
                for (int j = 0; j < dim; j++) {
                    double diff = points[i * dim + j] - centers[k][j];
                    d += diff * diff;
                }
                if (d < bestD) {
                    bestD = d;
                    best = k;
                }
            }
            if (bestD <= limit) {
                perMode[best]++;
            }
        }
        return perMode;
    }
}
