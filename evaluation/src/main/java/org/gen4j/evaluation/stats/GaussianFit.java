package org.gen4j.evaluation.stats;

import java.util.Objects;
import org.gen4j.core.metric.PointSet;

/**
 * The Gaussian fitted to a set of vectors: the sample mean and the unbiased sample covariance
 * {@code S = sum_i (x_i - m)(x_i - m)^T / (n - 1)}, computed in double with two passes (mean first,
 * then centred products), as {@code numpy.cov} and the reference FID code do.
 *
 * @param mean the mean, length {@code d}
 * @param covariance the covariance, {@code d x d}, exactly symmetric
 * @param count the number of vectors fitted, &gt;= 2
 */
public record GaussianFit(double[] mean, double[][] covariance, int count) {

    /** Checks the shapes. */
    public GaussianFit {
        Objects.requireNonNull(mean, "mean is null");
        Objects.requireNonNull(covariance, "covariance is null");
        if (covariance.length != mean.length) {
            throw new IllegalArgumentException("mean has dimension " + mean.length
                    + " but the covariance is " + covariance.length + " x " + covariance.length);
        }
    }

    /** The dimension {@code d}. */
    public int dimension() {
        return mean.length;
    }

    /**
     * Fits a set.
     *
     * @param set at least 2 vectors
     * @throws IllegalArgumentException if the set has fewer than 2 vectors, naming it
     */
    public static GaussianFit of(PointSet set) {
        int n = set.size();
        int d = set.dimension();
        if (n < 2) {
            throw new IllegalArgumentException(set.name() + ": a covariance needs at least 2 "
                    + "samples, got " + n);
        }
        double[] x = set.toArray();
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            int row = i * d;
            for (int j = 0; j < d; j++) {
                mean[j] += x[row + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        // Upper triangle, row-major, updated one centred vector at a time: the inner loop runs
        // over contiguous memory and the d x d accumulator stays in cache.
        double[] acc = new double[d * d];
        double[] c = new double[d];
        for (int i = 0; i < n; i++) {
            int row = i * d;
            for (int j = 0; j < d; j++) {
                c[j] = x[row + j] - mean[j];
            }
            for (int p = 0; p < d; p++) {
                double cp = c[p];
                int base = p * d;
                for (int q = p; q < d; q++) {
                    acc[base + q] = Math.fma(cp, c[q], acc[base + q]);
                }
            }
        }
        double[][] cov = new double[d][d];
        for (int p = 0; p < d; p++) {
            for (int q = p; q < d; q++) {
                double v = acc[p * d + q] / (n - 1);
                cov[p][q] = v;
                cov[q][p] = v;
            }
        }
        return new GaussianFit(mean, cov, n);
    }
}
