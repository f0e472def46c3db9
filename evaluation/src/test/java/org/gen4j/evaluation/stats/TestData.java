package org.gen4j.evaluation.stats;

import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.QRDecomposition;
import org.gen4j.core.metric.PointSet;

/** Seeded random matrices and Gaussian samples for the metric tests. */
public final class TestData {

    private TestData() {}

    /** A random orthogonal {@code n x n} matrix: Q of the QR decomposition of a Gaussian one. */
    public static double[][] randomOrthogonal(int n, long seed) {
        Random r = new Random(seed);
        double[][] g = new double[n][n];
        for (double[] row : g) {
            for (int j = 0; j < n; j++) {
                row[j] = r.nextGaussian();
            }
        }
        return new QRDecomposition(new Array2DRowRealMatrix(g)).getQ().getData();
    }

    /** {@code Q diag(values) Q^T}. */
    public static double[][] withEigenvalues(double[][] q, double[] values) {
        int n = values.length;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += q[i][k] * values[k] * q[j][k];
                }
                a[i][j] = s;
            }
        }
        // Exactly symmetric, as a covariance is.
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                a[j][i] = a[i][j];
            }
        }
        return a;
    }

    /** {@code a b}. */
    public static double[][] multiply(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b[0].length; j++) {
                double s = 0;
                for (int k = 0; k < b.length; k++) {
                    s += a[i][k] * b[k][j];
                }
                c[i][j] = s;
            }
        }
        return c;
    }

    /** The Frobenius norm of {@code a - b}. */
    public static double frobeniusDistance(double[][] a, double[][] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                double t = a[i][j] - b[i][j];
                s += t * t;
            }
        }
        return Math.sqrt(s);
    }

    /** The Frobenius norm of {@code a}. */
    public static double frobenius(double[][] a) {
        return frobeniusDistance(a, new double[a.length][a[0].length]);
    }

    /** {@code n} samples of {@code N(mean, L L^T)}, the rows of {@code mean + L z}. */
    public static double[][] gaussian(int n, double[] mean, double[][] cholesky, long seed) {
        Random r = new Random(seed);
        int d = mean.length;
        double[][] x = new double[n][d];
        double[] z = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[j] = r.nextGaussian();
            }
            for (int j = 0; j < d; j++) {
                double s = mean[j];
                for (int k = 0; k <= j; k++) {
                    s += cholesky[j][k] * z[k];
                }
                x[i][j] = s;
            }
        }
        return x;
    }

    /** {@code n} standard-normal samples of dimension {@code d}, shifted by {@code shift}. */
    public static PointSet normal(String name, int n, int d, double shift, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian() + shift;
        }
        return PointSet.ofFlat(name, v, n, d);
    }

    /** The rows of {@code set} in a random order. */
    public static PointSet shuffled(PointSet set, long seed) {
        double[][] rows = set.toRows();
        Random r = new Random(seed);
        for (int i = rows.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            double[] t = rows[i];
            rows[i] = rows[j];
            rows[j] = t;
        }
        return PointSet.of(set.name(), rows);
    }
}
