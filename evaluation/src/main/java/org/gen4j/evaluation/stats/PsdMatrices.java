package org.gen4j.evaluation.stats;

import java.util.Objects;
import org.apache.commons.math3.exception.MaxCountExceededException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Square roots and traces of square roots of symmetric positive semi-definite (PSD) matrices, by
 * symmetric eigendecomposition (commons-math3's Householder tridiagonalisation and implicit QL).
 *
 * <p>The principal square root of a symmetric PSD matrix {@code A = V diag(l) V^T} is
 * {@code V diag(sqrt(l)) V^T}. Eigenvalues of a PSD matrix computed in floating point can come out
 * slightly negative (round-off of about {@code n eps |A|}); they are clamped to 0, so a
 * rank-deficient or ill-conditioned input gives a real, symmetric, PSD root and never NaN or an
 * imaginary part. This is why FID is computed here from symmetric square roots only (see
 * {@link #traceSqrtOfProduct}) rather than with the square root of the non-symmetric
 * {@code S1 S2}, which {@code scipy.linalg.sqrtm} may return with a complex part.
 *
 * <p>Inputs are checked: square, finite, symmetric to within {@value #SYMMETRY_TOLERANCE} of the
 * largest entry (then symmetrised), and no eigenvalue below {@code -}{@value #NEGATIVE_TOLERANCE}
 * times the largest magnitude (a matrix that is not PSD beyond round-off is rejected, not
 * clamped).
 */
public final class PsdMatrices {

    /** Largest accepted {@code |a_ij - a_ji|}, relative to the largest {@code |a_ij|}. */
    public static final double SYMMETRY_TOLERANCE = 1e-8;

    /** Largest accepted negative eigenvalue, relative to the largest eigenvalue magnitude. */
    public static final double NEGATIVE_TOLERANCE = 1e-9;

    private PsdMatrices() {}

    /**
     * The principal square root {@code R} of a symmetric PSD matrix {@code A}: symmetric, PSD, with
     * {@code R R = A} up to round-off.
     *
     * @param a a symmetric PSD matrix, {@code n x n}, n &gt;= 1; not modified
     * @return a new {@code n x n} matrix
     * @throws IllegalArgumentException if {@code a} is not square, not finite, not symmetric or not
     *     PSD beyond round-off
     */
    public static double[][] sqrt(double[][] a) {
        Eigen e = decompose(checkedSymmetric("matrix", a), true);
        e.checkPsd("matrix");
        return reconstruct(e.vectors, sqrtClamped(e.values));
    }

    /**
     * The eigenvalues of a symmetric matrix, in the order commons-math3 returns them (descending).
     *
     * @throws IllegalArgumentException if {@code a} is not square, finite and symmetric
     */
    public static double[] eigenvalues(double[][] a) {
        return decompose(checkedSymmetric("matrix", a), false).values.clone();
    }

    /**
     * {@code tr(A^{1/2})}: the sum of the square roots of the eigenvalues, negative round-off
     * clamped to 0.
     *
     * @throws IllegalArgumentException if {@code a} is not square, finite, symmetric and PSD
     */
    public static double traceSqrt(double[][] a) {
        Eigen e = decompose(checkedSymmetric("matrix", a), false);
        e.checkPsd("matrix");
        return sum(sqrtClamped(e.values));
    }

    /**
     * {@code tr((S1^{1/2} S2 S1^{1/2})^{1/2})}, the cross term of the Frechet distance, which
     * equals {@code tr((S1 S2)^{1/2})} (the eigenvalues of {@code S1 S2} and of the symmetric
     * {@code S1^{1/2} S2 S1^{1/2}} are the same, real and non-negative).
     *
     * <p>It is computed as the nuclear norm (sum of singular values) of {@code S2^{1/2} S1^{1/2}}:
     * with {@code B = S2^{1/2} S1^{1/2}}, {@code B^T B = S1^{1/2} S2 S1^{1/2}}, so the singular
     * values of {@code B} are the square roots of the eigenvalues wanted. An SVD gives small
     * singular values to an absolute error of about {@code eps |B|}, where the square root of a
     * computed eigenvalue near 0 of {@code S1^{1/2} S2 S1^{1/2}} would carry
     * {@code sqrt(eps |B|^2)}: for singular covariances this keeps the FID of a set against itself
     * at round-off level (about 1e-14 of the trace) instead of about 1e-9. The square roots
     * {@code S^{1/2}} come from symmetric eigendecompositions with negative round-off clamped.
     *
     * @param s1 a symmetric PSD matrix, {@code n x n}
     * @param s2 a symmetric PSD matrix, {@code n x n}
     * @throws IllegalArgumentException if either is not symmetric PSD or their sizes differ
     */
    public static double traceSqrtOfProduct(double[][] s1, double[][] s2) {
        double[][] a = checkedSymmetric("first covariance", s1);
        double[][] b = checkedSymmetric("second covariance", s2);
        if (a.length != b.length) {
            throw new IllegalArgumentException("covariances of different sizes: " + a.length + " x "
                    + a.length + " and " + b.length + " x " + b.length);
        }
        // Scaled to a largest entry of 1: tr sqrt(cA cB) = c tr sqrt(AB), and the decompositions
        // then never see tiny (denormal) magnitudes, on which commons-math's QL fails to converge.
        double scale = Math.max(maxAbs(a), maxAbs(b));
        if (scale == 0) {
            return 0;
        }
        scaleInPlace(a, 1 / scale);
        scaleInPlace(b, 1 / scale);
        return scale * traceSqrtOfScaledProduct(a, b);
    }

    private static double maxAbs(double[][] m) {
        double largest = 0;
        for (double[] row : m) {
            for (double v : row) {
                largest = Math.max(largest, Math.abs(v));
            }
        }
        return largest;
    }

    private static void scaleInPlace(double[][] m, double factor) {
        for (double[] row : m) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= factor;
            }
        }
    }

    private static double traceSqrtOfScaledProduct(double[][] a, double[][] b) {
        Eigen e1 = decompose(a, true);
        e1.checkPsd("first covariance");
        Eigen e2 = decompose(b, true);
        e2.checkPsd("second covariance");
        double[][] root1 = reconstruct(e1.vectors, sqrtClamped(e1.values));
        double[][] root2 = reconstruct(e2.vectors, sqrtClamped(e2.values));
        double[][] product = multiply(root2, root1);
        double largest = 0;
        for (double[] row : product) {
            for (double v : row) {
                largest = Math.max(largest, Math.abs(v));
            }
        }
        if (largest == 0) {
            return 0; // a zero covariance (constant features): commons-math's SVD gives NaN
        }
        SingularValueDecomposition svd =
                new SingularValueDecomposition(new Array2DRowRealMatrix(product, false));
        double trace = sum(svd.getSingularValues());
        if (Double.isFinite(trace)) {
            return trace;
        }
        // The SVD's iteration failed: the symmetric form root1 S2 root1 has the same trace root.
        double[][] symmetric = multiply(multiply(root1, b), root1);
        for (int i = 0; i < symmetric.length; i++) {
            for (int j = 0; j < i; j++) {
                double m = (symmetric[i][j] + symmetric[j][i]) / 2;
                symmetric[i][j] = m;
                symmetric[j][i] = m;
            }
        }
        return sum(sqrtClamped(decompose(symmetric, false).values));
    }

    /** Copies {@code a} after checking it, and makes it exactly symmetric. */
    static double[][] checkedSymmetric(String what, double[][] a) {
        Objects.requireNonNull(a, what + " is null");
        int n = a.length;
        if (n == 0) {
            throw new IllegalArgumentException(
                    what + ": empty (0 x 0); a square matrix of size >= 1 is needed");
        }
        double max = 0;
        for (int i = 0; i < n; i++) {
            if (a[i] == null || a[i].length != n) {
                throw new IllegalArgumentException(what + ": row " + i + " has "
                        + (a[i] == null ? 0 : a[i].length) + " entries but the matrix has " + n
                        + " rows; a square matrix is needed");
            }
            for (int j = 0; j < n; j++) {
                if (!Double.isFinite(a[i][j])) {
                    throw new IllegalArgumentException(what + ": entry (" + i + ", " + j + ") is "
                            + a[i][j] + "; every entry must be finite");
                }
                max = Math.max(max, Math.abs(a[i][j]));
            }
        }
        double[][] s = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double diff = Math.abs(a[i][j] - a[j][i]);
                if (diff > SYMMETRY_TOLERANCE * max) {
                    throw new IllegalArgumentException(what + ": not symmetric: entries (" + i
                            + ", " + j + ") and (" + j + ", " + i + ") differ by " + diff
                            + ", more than " + SYMMETRY_TOLERANCE + " of the largest entry " + max);
                }
                double v = i == j ? a[i][i] : 0.5 * (a[i][j] + a[j][i]);
                s[i][j] = v;
                s[j][i] = v;
            }
        }
        return s;
    }

    static Eigen decompose(double[][] symmetric, boolean vectors) {
        RealMatrix matrix = new Array2DRowRealMatrix(symmetric, false);
        try {
            EigenDecomposition e = new EigenDecomposition(matrix);
            double[] values = e.getRealEigenvalues();
            double[][] v = e.getV().getData();
            if (allFinite(values) && allFinite(v)) {
                return new Eigen(values, vectors ? v : null);
            }
        } catch (MaxCountExceededException ex) {
            // falls through to Jacobi
        }
        // commons-math's implicit QL either stalled or returned non-finite vectors (seen on the
        // feature covariance of a barely trained generator): cyclic Jacobi always converges on a
        // symmetric matrix, at a few times the cost.
        return jacobi(symmetric);
    }

    private static boolean allFinite(double[] values) {
        for (double x : values) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    private static boolean allFinite(double[][] rows) {
        for (double[] row : rows) {
            if (!allFinite(row)) {
                return false;
            }
        }
        return true;
    }

    /** Cyclic Jacobi rotations until the off-diagonal mass is at round-off (at most 100 sweeps). */
    static Eigen jacobi(double[][] symmetric) {
        int n = symmetric.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = symmetric[i].clone();
        }
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double total = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    total += a[i][j] * a[i][j];
                    if (i != j) {
                        off += a[i][j] * a[i][j];
                    }
                }
            }
            if (off <= 1e-30 * total || off == 0) {
                break;
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = a[p][q];
                    if (apq == 0) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = a[i][i];
        }
        return new Eigen(values, v);
    }

    static double[] sqrtClamped(double[] values) {
        double[] r = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            r[i] = Math.sqrt(Math.max(values[i], 0.0));
        }
        return r;
    }

    /** {@code V diag(s) V^T}, exactly symmetric. */
    static double[][] reconstruct(double[][] v, double[] s) {
        int n = s.length;
        double[][] r = new double[n][n];
        double[] row = new double[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                row[k] = v[i][k] * s[k];
            }
            for (int j = i; j < n; j++) {
                double acc = 0;
                double[] vj = v[j];
                for (int k = 0; k < n; k++) {
                    acc = Math.fma(row[k], vj[k], acc);
                }
                r[i][j] = acc;
                r[j][i] = acc;
            }
        }
        return r;
    }

    static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        int m = b[0].length;
        int inner = b.length;
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++) {
            double[] ci = c[i];
            for (int k = 0; k < inner; k++) {
                double aik = a[i][k];
                double[] bk = b[k];
                for (int j = 0; j < m; j++) {
                    ci[j] = Math.fma(aik, bk[j], ci[j]);
                }
            }
        }
        return c;
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    /** Eigenvalues and (optionally) eigenvectors as columns of {@code vectors}. */
    record Eigen(double[] values, double[][] vectors) {
        void checkPsd(String what) {
            double largest = 0;
            double smallest = Double.POSITIVE_INFINITY;
            for (double v : values) {
                largest = Math.max(largest, Math.abs(v));
                smallest = Math.min(smallest, v);
            }
            if (smallest < -NEGATIVE_TOLERANCE * largest) {
                throw new IllegalArgumentException(what + ": not positive semi-definite: "
                        + "eigenvalue " + smallest + " with largest magnitude " + largest
                        + " (negative round-off down to " + NEGATIVE_TOLERANCE
                        + " of the largest is accepted and clamped to 0)");
            }
        }
    }
}
