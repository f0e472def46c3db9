package org.gen4j.core.metric;

import java.util.Objects;
import org.gen4j.core.data.GaussianMixture;

/**
 * The modes of an equal-weight mixture of isotropic Gaussians: their centers and their common
 * standard deviation, as {@link GaussianMixture} draws them.
 */
public final class MixtureModes {

    private final double[][] centers;
    private final double std;

    /**
     * The modes.
     *
     * @param centers {@code [modes][dimension]}, at least one, all of one dimension, finite; copied
     * @param std the standard deviation of every mode, finite and &gt; 0
     * @throws IllegalArgumentException otherwise
     */
    public MixtureModes(double[][] centers, double std) {
        Objects.requireNonNull(centers, "mixture centers is null");
        if (centers.length == 0 || centers[0] == null || centers[0].length == 0) {
            throw new IllegalArgumentException(
                    "mixture modes: needs at least one center of dimension >= 1");
        }
        int dim = centers[0].length;
        this.centers = new double[centers.length][];
        for (int k = 0; k < centers.length; k++) {
            if (centers[k] == null || centers[k].length != dim) {
                throw new IllegalArgumentException("mixture modes: center " + k
                        + " has dimension " + (centers[k] == null ? 0 : centers[k].length)
                        + " but center 0 has " + dim);
            }
            for (double v : centers[k]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(
                            "mixture modes: center " + k + " has the non-finite value " + v);
                }
            }
            this.centers[k] = centers[k].clone();
        }
        if (!(std > 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException(
                    "mixture modes: std must be finite and > 0, got " + std);
        }
        this.std = std;
    }

    /** The modes of a mixture data set. */
    public static MixtureModes of(GaussianMixture mixture) {
        return new MixtureModes(mixture.centers(), mixture.std());
    }

    /** The centers, {@code [mode][coordinate]}; a copy. */
    public double[][] centers() {
        double[][] c = new double[centers.length][];
        for (int k = 0; k < centers.length; k++) {
            c[k] = centers[k].clone();
        }
        return c;
    }

    /** The number of modes. */
    public int count() {
        return centers.length;
    }

    /** The dimension of the centers. */
    public int dimension() {
        return centers[0].length;
    }

    /** The standard deviation of every mode. */
    public double std() {
        return std;
    }
}
