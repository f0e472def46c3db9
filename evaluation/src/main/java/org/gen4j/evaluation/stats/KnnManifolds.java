package org.gen4j.evaluation.stats;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.IntStream;
import org.gen4j.core.metric.PointSet;

/**
 * Manifold estimates from k-nearest-neighbour balls: improved precision and recall (Kynkaanniemi,
 * Karras, Laine, Lehtinen and Aila, "Improved Precision and Recall Metric for Assessing Generative
 * Models", NeurIPS 2019) and density and coverage (Naeem, Oh, Uh, Choi and Yoo, "Reliable
 * Fidelity and Diversity Metrics for Generative Models", ICML 2020).
 *
 * <p>Each point {@code x} of a set gets the ball centred on it whose radius is the distance to its
 * {@code k}-th nearest other point of the same set (the point itself is not its own neighbour; a
 * duplicate is). A point "lies in a ball" when its distance to the center is {@code <=} the radius,
 * as in the reference code of Kynkaanniemi et al. (the {@code prdc} package of Naeem et al. uses
 * {@code <}; the two differ only on exact ties). With real set \(X\) ({@code N} points) and
 * generated set \(Y\) ({@code M} points):
 *
 * <ul>
 *   <li>precision: the share of \(Y\) inside at least one ball of \(X\);
 *   <li>recall: the share of \(X\) inside at least one ball of \(Y\);
 *   <li>density: \( \frac{1}{kM} \sum_j \#\{i : y_j \in B(x_i)\} \), about 1 when \(Y\) follows
 *       \(X\), above 1 when it crowds the dense regions;
 *   <li>coverage: the share of balls of \(X\) that hold at least one point of \(Y\).
 * </ul>
 *
 * <p>Distances are exact Euclidean distances in double, compared squared. They are computed block
 * by block in register tiles over flat arrays (no n x n matrix is stored), in parallel over row
 * blocks; every result is independent of the number of threads and of the sample order.
 */
public final class KnnManifolds {

    private static final int ROW_BLOCK = 64;
    private static final int COLUMN_BLOCK = 256;

    private KnnManifolds() {}

    /**
     * Precision and recall.
     *
     * @param precision the share of generated samples on the real manifold, in [0, 1]
     * @param recall the share of real samples on the generated manifold, in [0, 1]
     */
    public record PrecisionRecall(double precision, double recall) {}

    /**
     * Density and coverage.
     *
     * @param density the mean number of real balls holding a generated sample, divided by k;
     *     in [0, N/k]
     * @param coverage the share of real balls holding a generated sample, in [0, 1]
     */
    public record DensityCoverage(double density, double coverage) {}

    /**
     * Improved precision and recall with k-NN balls.
     *
     * @param real the real (reference) features, at least {@code k + 1}
     * @param generated the generated features, at least {@code k + 1}, same dimension
     * @param k the neighbour whose distance is the radius, &gt;= 1 (3 in the paper)
     * @throws IllegalArgumentException if a set has at most {@code k} samples or dimensions differ
     */
    public static PrecisionRecall precisionRecall(PointSet real, PointSet generated, int k) {
        check(real, generated, k, true);
        int d = real.dimension();
        double[] x = real.toArray();
        double[] y = generated.toArray();
        double[] realRadii = kthNeighbourSquared(x, real.size(), d, k);
        double[] generatedRadii = kthNeighbourSquared(y, generated.size(), d, k);
        boolean[] inReal = insideAnyBall(y, generated.size(), x, real.size(), realRadii, d);
        boolean[] inGenerated =
                insideAnyBall(x, real.size(), y, generated.size(), generatedRadii, d);
        return new PrecisionRecall(share(inReal), share(inGenerated));
    }

    /**
     * Density and coverage with k-NN balls around the real samples.
     *
     * @param real the real (reference) features, at least {@code k + 1}
     * @param generated the generated features, at least 1, same dimension
     * @param k the neighbour whose distance is the radius, &gt;= 1 (5 in the paper)
     * @throws IllegalArgumentException if the real set has at most {@code k} samples or dimensions
     *     differ
     */
    public static DensityCoverage densityCoverage(PointSet real, PointSet generated, int k) {
        check(real, generated, k, false);
        int d = real.dimension();
        double[] x = real.toArray();
        double[] y = generated.toArray();
        double[] radii = kthNeighbourSquared(x, real.size(), d, k);
        boolean[] covered = new boolean[real.size()];
        long inside = countInsideBalls(y, generated.size(), x, real.size(), radii, d, covered);
        return new DensityCoverage(inside / ((double) k * generated.size()), share(covered));
    }

    /**
     * The squared distance of each point to its {@code k}-th nearest other point of the set.
     *
     * @param set at least {@code k + 1} points
     * @param k &gt;= 1
     * @return one squared radius per point
     */
    public static double[] kthNeighbourSquaredDistances(PointSet set, int k) {
        checkK(set, k);
        return kthNeighbourSquared(set.toArray(), set.size(), set.dimension(), k);
    }

    private static void check(PointSet real, PointSet generated, int k, boolean bothBalls) {
        Objects.requireNonNull(real, "real set is null");
        Objects.requireNonNull(generated, "generated set is null");
        if (real.dimension() != generated.dimension()) {
            throw new IllegalArgumentException(generated.name() + " have dimension "
                    + generated.dimension() + " but " + real.name() + " have dimension "
                    + real.dimension() + "; both must come from the same feature network");
        }
        checkK(real, k);
        if (bothBalls) {
            checkK(generated, k);
        }
    }

    private static void checkK(PointSet set, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        if (set.size() <= k) {
            throw new IllegalArgumentException(set.name() + ": " + set.size() + " samples, but k = "
                    + k + " nearest neighbours need at least k + 1 = " + (k + 1)
                    + " samples; lower option k or give more samples");
        }
    }

    private static double share(boolean[] flags) {
        int count = 0;
        for (boolean f : flags) {
            if (f) {
                count++;
            }
        }
        return count / (double) flags.length;
    }

    private static int workers(int blocks) {
        return Math.max(1, Math.min(blocks, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * k-th nearest-neighbour squared distances within one row-major set, {@code n >= k + 1}.
     *
     * <p>Each pair is computed once (upper triangle of blocks) and offered to the sorted top-k
     * lists of both of its points. Workers take interleaved row blocks and keep their own lists,
     * merged at the end; the k smallest values of a row do not depend on how pairs were split.
     */
    static double[] kthNeighbourSquared(double[] x, int n, int d, int k) {
        int blocks = (n + ROW_BLOCK - 1) / ROW_BLOCK;
        int workers = workers(blocks);
        double[][] lists = new double[workers][];
        IntStream.range(0, workers).parallel().forEach(w -> {
            double[] best = new double[n * k];
            Arrays.fill(best, Double.POSITIVE_INFINITY);
            double[] t = new double[8];
            for (int b = w; b < blocks; b += workers) {
                int i0 = b * ROW_BLOCK;
                int i1 = Math.min(n, i0 + ROW_BLOCK);
                for (int j0 = i0; j0 < n; j0 += ROW_BLOCK) {
                    pairsOfBlocks(x, i0, i1, j0, Math.min(n, j0 + ROW_BLOCK), d, k, best, t);
                }
            }
            lists[w] = best;
        });
        double[] radii = new double[n];
        double[] merged = new double[k];
        for (int i = 0; i < n; i++) {
            double[] first = lists[0];
            System.arraycopy(first, i * k, merged, 0, k);
            for (int w = 1; w < workers; w++) {
                for (int e = 0; e < k; e++) {
                    insert(merged, 0, k, lists[w][i * k + e]);
                }
            }
            radii[i] = merged[k - 1];
        }
        return radii;
    }

    /** Offers every pair (i, j), i in [i0, i1), j in [j0, j1), j > i, to both top-k lists. */
    private static void pairsOfBlocks(double[] x, int i0, int i1, int j0, int j1, int d, int k,
            double[] best, double[] t) {
        boolean diagonal = i0 == j0;
        int i = i0;
        for (; i + Kernels.TILE_ROWS <= i1; i += Kernels.TILE_ROWS) {
            int j = diagonal ? i : j0;
            for (; j + Kernels.TILE_COLS <= j1; j += Kernels.TILE_COLS) {
                Kernels.squaredDistances4x2(x, i, x, j, d, t);
                for (int e = 0; e < 8; e++) {
                    int row = i + (e >> 1);
                    int col = j + (e & 1);
                    if (col > row) {
                        insert(best, row * k, k, t[e]);
                        insert(best, col * k, k, t[e]);
                    }
                }
            }
            for (; j < j1; j++) {
                for (int r = 0; r < Kernels.TILE_ROWS; r++) {
                    if (j > i + r) {
                        double v = Kernels.squaredDistance(x, (i + r) * d, x, j * d, d);
                        insert(best, (i + r) * k, k, v);
                        insert(best, j * k, k, v);
                    }
                }
            }
        }
        for (; i < i1; i++) {
            for (int j = diagonal ? i + 1 : j0; j < j1; j++) {
                double v = Kernels.squaredDistance(x, i * d, x, j * d, d);
                insert(best, i * k, k, v);
                insert(best, j * k, k, v);
            }
        }
    }

    /** Inserts {@code v} into the ascending list {@code a[off .. off + k)} if small enough. */
    private static void insert(double[] a, int off, int k, double v) {
        int last = off + k - 1;
        if (!(v < a[last])) {
            return;
        }
        int p = last;
        while (p > off && a[p - 1] > v) {
            a[p] = a[p - 1];
            p--;
        }
        a[p] = v;
    }

    /**
     * For each probe, whether it lies in the ball of at least one center: {@code |p - c|^2 <=
     * radii2[c]}. A probe stops being tested once inside a ball.
     */
    static boolean[] insideAnyBall(double[] probes, int np, double[] centers, int nc,
            double[] radii2, int d) {
        boolean[] inside = new boolean[np];
        int blocks = (np + ROW_BLOCK - 1) / ROW_BLOCK;
        IntStream.range(0, blocks).parallel().forEach(b -> {
            int i0 = b * ROW_BLOCK;
            int i1 = Math.min(np, i0 + ROW_BLOCK);
            double[] t = new double[8];
            int left = i1 - i0;
            for (int j0 = 0; j0 < nc && left > 0; j0 += COLUMN_BLOCK) {
                int j1 = Math.min(nc, j0 + COLUMN_BLOCK);
                int i = i0;
                for (; i + Kernels.TILE_ROWS <= i1; i += Kernels.TILE_ROWS) {
                    left -= tileGroupInside(probes, i, centers, j0, j1, radii2, d, inside, t);
                }
                for (; i < i1; i++) {
                    if (inside[i]) {
                        continue;
                    }
                    for (int j = j0; j < j1; j++) {
                        double v = Kernels.squaredDistance(probes, i * d, centers, j * d, d);
                        if (v <= radii2[j]) {
                            inside[i] = true;
                            left--;
                            break;
                        }
                    }
                }
            }
        });
        return inside;
    }

    /** Tests probes {@code i..i+3} against centers {@code [j0, j1)}; returns how many got in. */
    private static int tileGroupInside(double[] probes, int i, double[] centers, int j0, int j1,
            double[] radii2, int d, boolean[] inside, double[] t) {
        int before = 0;
        for (int r = 0; r < Kernels.TILE_ROWS; r++) {
            before += inside[i + r] ? 1 : 0;
        }
        int now = before;
        int j = j0;
        for (; now < Kernels.TILE_ROWS && j + Kernels.TILE_COLS <= j1; j += Kernels.TILE_COLS) {
            Kernels.squaredDistances4x2(probes, i, centers, j, d, t);
            for (int e = 0; e < 8; e++) {
                int row = i + (e >> 1);
                if (!inside[row] && t[e] <= radii2[j + (e & 1)]) {
                    inside[row] = true;
                    now++;
                }
            }
        }
        for (; now < Kernels.TILE_ROWS && j < j1; j++) {
            for (int r = 0; r < Kernels.TILE_ROWS; r++) {
                if (!inside[i + r]
                        && Kernels.squaredDistance(probes, (i + r) * d, centers, j * d, d)
                                <= radii2[j]) {
                    inside[i + r] = true;
                    now++;
                }
            }
        }
        return now - before;
    }

    /**
     * Counts the pairs (probe, center) with the probe in the center's ball, and marks the centers
     * whose ball holds at least one probe.
     */
    static long countInsideBalls(double[] probes, int np, double[] centers, int nc,
            double[] radii2, int d, boolean[] covered) {
        int blocks = (np + ROW_BLOCK - 1) / ROW_BLOCK;
        return IntStream.range(0, blocks).parallel().mapToLong(b -> {
            int i0 = b * ROW_BLOCK;
            int i1 = Math.min(np, i0 + ROW_BLOCK);
            double[] t = new double[8];
            long count = 0;
            for (int j0 = 0; j0 < nc; j0 += COLUMN_BLOCK) {
                int j1 = Math.min(nc, j0 + COLUMN_BLOCK);
                int i = i0;
                for (; i + Kernels.TILE_ROWS <= i1; i += Kernels.TILE_ROWS) {
                    int j = j0;
                    for (; j + Kernels.TILE_COLS <= j1; j += Kernels.TILE_COLS) {
                        Kernels.squaredDistances4x2(probes, i, centers, j, d, t);
                        for (int e = 0; e < 8; e++) {
                            int col = j + (e & 1);
                            if (t[e] <= radii2[col]) {
                                count++;
                                // Only ever set to true: concurrent writers agree, and the
                                // stream's completion publishes every write.
                                covered[col] = true;
                            }
                        }
                    }
                    for (; j < j1; j++) {
                        for (int r = 0; r < Kernels.TILE_ROWS; r++) {
                            count += countOne(probes, i + r, centers, j, radii2, d, covered);
                        }
                    }
                }
                for (; i < i1; i++) {
                    for (int j = j0; j < j1; j++) {
                        count += countOne(probes, i, centers, j, radii2, d, covered);
                    }
                }
            }
            return count;
        }).sum();
    }

    private static int countOne(double[] probes, int i, double[] centers, int j, double[] radii2,
            int d, boolean[] covered) {
        if (Kernels.squaredDistance(probes, i * d, centers, j * d, d) <= radii2[j]) {
            covered[j] = true;
            return 1;
        }
        return 0;
    }
}
