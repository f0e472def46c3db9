package org.gen4j.evaluation.stats;

import java.util.Objects;
import java.util.stream.IntStream;
import org.gen4j.core.metric.PointSet;
import org.gen4j.core.random.RandomStream;

/**
 * The unbiased estimator of the squared maximum mean discrepancy (MMD) with the cubic polynomial
 * kernel \( k(x, y) = (x \cdot y / d + 1)^3 \), and its average over random subsets: the Kernel
 * Inception Distance (Binkowski, Sutherland, Arbel and Gretton, "Demystifying MMD GANs", ICLR
 * 2018).
 *
 * <p>For samples \(X\) of size \(m\) and \(Y\) of size \(n\):
 * \( \widehat{\mathrm{MMD}}^2_u = \frac{1}{m(m-1)} \sum_{i \ne j} k(x_i, x_j)
 * + \frac{1}{n(n-1)} \sum_{i \ne j} k(y_i, y_j) - \frac{2}{mn} \sum_{i, j} k(x_i, y_j) \)
 * (Gretton et al., "A Kernel Two-Sample Test", JMLR 2012, eq. 3). Its expectation is the
 * population MMD squared, exactly 0 when both samples come from one distribution, so single
 * estimates can be negative.
 *
 * <p>KID draws {@code subsets} pairs of subsets of {@code subsetSize} samples, each without
 * replacement, from a {@link RandomStream} derived from the seed; the result is the mean of the
 * per-subset estimates and their standard deviation (population, {@code ddof = 0}, as
 * {@code numpy.std} in the reference code). Subsets are computed in parallel; the result does not
 * depend on the number of threads.
 */
public final class PolynomialMmd {

    private static final int COLUMN_BLOCK = 256;

    private PolynomialMmd() {}

    /**
     * KID over random subsets.
     *
     * @param estimates the per-subset unbiased MMD^2 estimates, in draw order
     * @param mean their mean
     * @param std their population standard deviation
     */
    public record Result(double[] estimates, double mean, double std) {}

    /** The kernel {@code (x.y / d + 1)^3} of two vectors of one dimension {@code d}. */
    public static double kernel(double[] x, double[] y) {
        if (x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException("kernel of vectors of dimensions " + x.length
                    + " and " + y.length + "; one dimension >= 1 is needed");
        }
        return cube(Kernels.dot(x, 0, y, 0, x.length) / x.length + 1);
    }

    private static double cube(double g) {
        return g * g * g;
    }

    /**
     * The unbiased MMD^2 estimate between two whole sets.
     *
     * @throws IllegalArgumentException if a set has fewer than 2 samples or the dimensions differ
     */
    public static double unbiasedMmd2(PointSet x, PointSet y) {
        check(x, y, 2);
        return unbiasedMmd2(x.toArray(), x.size(), y.toArray(), y.size(), x.dimension());
    }

    /**
     * KID: the unbiased MMD^2 averaged over random subsets.
     *
     * @param generated the generated features
     * @param reference the reference features, of the same dimension
     * @param subsets the number of subset pairs, &gt;= 1
     * @param subsetSize the samples per subset, in [2, min(sizes)]
     * @param seed the seed of the subset draws
     * @throws IllegalArgumentException if a set is smaller than {@code subsetSize}, naming it and
     *     the option to lower
     */
    public static Result kid(PointSet generated, PointSet reference, int subsets, int subsetSize,
            long seed) {
        if (subsets < 1) {
            throw new IllegalArgumentException("kid: subsets must be >= 1, got " + subsets);
        }
        if (subsetSize < 2) {
            throw new IllegalArgumentException("kid: subset-size must be >= 2, got " + subsetSize);
        }
        check(generated, reference, subsetSize);
        int d = generated.dimension();
        double[] x = generated.toArray();
        double[] y = reference.toArray();
        RandomStream random = RandomStream.derive(seed, "metric:kid");
        int[][] gx = new int[subsets][];
        int[][] gy = new int[subsets][];
        int[] permX = identity(generated.size());
        int[] permY = identity(reference.size());
        for (int s = 0; s < subsets; s++) {
            gx[s] = drawWithoutReplacement(random, permX, subsetSize);
            gy[s] = drawWithoutReplacement(random, permY, subsetSize);
        }
        double[] estimates = new double[subsets];
        IntStream.range(0, subsets).parallel().forEach(s -> estimates[s] = unbiasedMmd2(
                gather(x, gx[s], d), subsetSize, gather(y, gy[s], d), subsetSize, d));
        double mean = 0;
        for (double e : estimates) {
            mean += e;
        }
        mean /= subsets;
        double var = 0;
        for (double e : estimates) {
            var += (e - mean) * (e - mean);
        }
        return new Result(estimates, mean, Math.sqrt(var / subsets));
    }

    private static void check(PointSet x, PointSet y, int needed) {
        Objects.requireNonNull(x, "first set is null");
        Objects.requireNonNull(y, "second set is null");
        if (x.dimension() != y.dimension()) {
            throw new IllegalArgumentException(x.name() + " have dimension " + x.dimension()
                    + " but " + y.name() + " have dimension " + y.dimension()
                    + "; both must come from the same feature network");
        }
        for (PointSet s : new PointSet[] {x, y}) {
            if (s.size() < needed) {
                throw new IllegalArgumentException(s.name() + ": " + s.size() + " samples, but "
                        + (needed == 2 ? "the unbiased estimate needs at least 2"
                                : "subset-size is " + needed + ": set option subset-size to at "
                                        + "most " + Math.min(x.size(), y.size())
                                        + " or give more samples"));
            }
        }
    }

    private static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }

    /** A partial Fisher-Yates shuffle of {@code perm}: its first {@code k} entries, copied. */
    private static int[] drawWithoutReplacement(RandomStream random, int[] perm, int k) {
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(perm.length - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] out = new int[k];
        System.arraycopy(perm, 0, out, 0, k);
        return out;
    }

    private static double[] gather(double[] x, int[] rows, int d) {
        double[] out = new double[rows.length * d];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(x, rows[r] * d, out, r * d, d);
        }
        return out;
    }

    /** The unbiased estimate between row-major sets {@code x} ({@code m x d}) and {@code y}. */
    static double unbiasedMmd2(double[] x, int m, double[] y, int n, int d) {
        double xx = 2 * upperKernelSum(x, m, d);
        double yy = 2 * upperKernelSum(y, n, d);
        double xy = crossKernelSum(x, m, y, n, d);
        return xx / ((double) m * (m - 1)) + yy / ((double) n * (n - 1))
                - 2 * xy / ((double) m * n);
    }

    /** {@code sum_{i < j} k(x_i, x_j)}. */
    static double upperKernelSum(double[] x, int m, int d) {
        double sum = 0;
        double[] t = new double[8];
        int full = m - m % Kernels.TILE_ROWS;
        for (int j0 = 0; j0 < m; j0 += COLUMN_BLOCK) {
            int j1 = Math.min(m, j0 + COLUMN_BLOCK);
            for (int i = 0; i < full && i < j1; i += Kernels.TILE_ROWS) {
                // Columns j > i only; start at the first even column of the tile's diagonal.
                int j = Math.max(j0, i);
                for (; j + 1 < j1; j += Kernels.TILE_COLS) {
                    Kernels.dots4x2(x, i, x, j, d, t);
                    if (j > i + Kernels.TILE_ROWS - 1) {
                        for (int e = 0; e < 8; e++) {
                            sum += cube(t[e] / d + 1);
                        }
                    } else {
                        for (int e = 0; e < 8; e++) {
                            if (j + (e & 1) > i + (e >> 1)) {
                                sum += cube(t[e] / d + 1);
                            }
                        }
                    }
                }
                if (j < j1) {
                    for (int r = 0; r < Kernels.TILE_ROWS; r++) {
                        if (j > i + r) {
                            sum += cube(Kernels.dot(x, (i + r) * d, x, j * d, d) / d + 1);
                        }
                    }
                }
            }
            for (int i = full; i < m; i++) {
                for (int j = Math.max(j0, i + 1); j < j1; j++) {
                    sum += cube(Kernels.dot(x, i * d, x, j * d, d) / d + 1);
                }
            }
        }
        return sum;
    }

    /** {@code sum_{i, j} k(x_i, y_j)}. */
    static double crossKernelSum(double[] x, int m, double[] y, int n, int d) {
        double sum = 0;
        double[] t = new double[8];
        int full = m - m % Kernels.TILE_ROWS;
        for (int j0 = 0; j0 < n; j0 += COLUMN_BLOCK) {
            int j1 = Math.min(n, j0 + COLUMN_BLOCK);
            for (int i = 0; i < full; i += Kernels.TILE_ROWS) {
                int j = j0;
                for (; j + 1 < j1; j += Kernels.TILE_COLS) {
                    Kernels.dots4x2(x, i, y, j, d, t);
                    for (int e = 0; e < 8; e++) {
                        sum += cube(t[e] / d + 1);
                    }
                }
                if (j < j1) {
                    for (int r = 0; r < Kernels.TILE_ROWS; r++) {
                        sum += cube(Kernels.dot(x, (i + r) * d, y, j * d, d) / d + 1);
                    }
                }
            }
            for (int i = full; i < m; i++) {
                for (int j = j0; j < j1; j++) {
                    sum += cube(Kernels.dot(x, i * d, y, j * d, d) / d + 1);
                }
            }
        }
        return sum;
    }
}
