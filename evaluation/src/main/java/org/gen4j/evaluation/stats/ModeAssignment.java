package org.gen4j.evaluation.stats;

import java.util.Objects;
import org.gen4j.core.data.ModeCoverage;
import org.gen4j.core.metric.MixtureModes;
import org.gen4j.core.metric.PointSet;

/**
 * Generated points of a Gaussian mixture assigned to its modes, the basis of mode coverage and of
 * the high-quality share (Srivastava et al., "VEEGAN", NeurIPS 2017; Metz et al., "Unrolled
 * Generative Adversarial Networks", ICLR 2017).
 *
 * <p>Each point goes to its nearest center (Euclidean; the lowest index among equally near ones).
 * It is <i>high quality</i> when that distance is at most {@code thresholdStd} standard deviations
 * of the modes (3 in the literature). For a point drawn from a 2D mode this happens with
 * probability {@code 1 - exp(-t^2 / 2)}, 0.9889 for {@code t = 3}.
 *
 * @param highQualityPerMode the number of high-quality points assigned to each mode
 * @param highQuality the total number of high-quality points
 * @param total the number of points
 */
public record ModeAssignment(int[] highQualityPerMode, int highQuality, int total) {

    /**
     * Assigns points to modes.
     *
     * @param points the generated points, of the modes' dimension
     * @param modes the mixture's centers and standard deviation
     * @param thresholdStd the radius of a high-quality point, in standard deviations, &gt; 0
     * @throws IllegalArgumentException if the dimensions differ
     */
    public static ModeAssignment assign(PointSet points, MixtureModes modes, double thresholdStd) {
        Objects.requireNonNull(points, "points is null");
        Objects.requireNonNull(modes, "modes is null");
        if (points.dimension() != modes.dimension()) {
            throw new IllegalArgumentException(points.name() + " have dimension "
                    + points.dimension() + " but the mixture's centers have dimension "
                    + modes.dimension());
        }
        if (!(thresholdStd > 0) || Double.isInfinite(thresholdStd)) {
            throw new IllegalArgumentException(
                    "threshold-std must be finite and > 0, got " + thresholdStd);
        }
        int[] perMode = ModeCoverage.highQualityPerMode(points.toArray(), points.dimension(),
                modes.centers(), thresholdStd * modes.std());
        int good = 0;
        for (int c : perMode) {
            good += c;
        }
        return new ModeAssignment(perMode, good, points.size());
    }

    /** The number of modes with at least {@code minCount} high-quality points. */
    public int modesWithAtLeast(int minCount) {
        int covered = 0;
        for (int c : highQualityPerMode) {
            if (c >= minCount) {
                covered++;
            }
        }
        return covered;
    }

    /** The share of points that are high quality. */
    public double highQualityShare() {
        return highQuality / (double) total;
    }
}
