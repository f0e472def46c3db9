package org.gen4j.evaluation.metrics;

import org.gen4j.core.metric.MetricInput;
import org.gen4j.core.metric.MetricInputs;
import org.gen4j.core.metric.MetricResult;
import org.gen4j.core.metric.MixtureModes;
import org.gen4j.core.metric.PointSet;
import org.gen4j.core.util.Options;
import org.gen4j.evaluation.stats.ModeAssignment;

/**
 * {@value #NAME}: how many modes of a Gaussian mixture (the 8-mode ring, the 25-mode grid) the
 * generated points cover.
 *
 * <p>Definition used here: each point is assigned to its nearest mode center and is high quality
 * when it lies within {@code threshold-std} (default 3) standard deviations of it, as in VEEGAN
 * (Srivastava et al., NeurIPS 2017). A mode is <b>covered</b> when at least
 * {@code max(min-count, ceil(min-share * n))} high-quality points are assigned to it, {@code n}
 * being the number of points; the defaults ({@code min-count} 1, {@code min-share} 0.008) ask
 * for 0.8% of the samples, PacGAN's 20 of 2,500, so that a few stray points do not count as a
 * mode; {@link org.gen4j.core.data.ModeCoverage}, which the loss benchmarks use, counts the same
 * way.
 *
 * <p>Inputs: generated points, mixture modes. Options: {@code threshold-std}, {@code min-share},
 * {@code min-count}. Values: {@code modes_covered}, {@code mode_coverage} (covered share of the
 * modes). Details: {@code modes}, {@code min_count_used}, the options, {@code generated_count}.
 */
public final class ModeCoverageMetric extends AbstractMetric {

    /** The registered name. */
    public static final String NAME = "mode-coverage";

    /** The default radius of a high-quality point, in standard deviations. */
    public static final double DEFAULT_THRESHOLD_STD = 3.0;

    /** The default minimum share of the points a covered mode holds. */
    public static final double DEFAULT_MIN_SHARE = 0.008;

    private final double thresholdStd;
    private final double minShare;
    private final int minCount;

    /** A mode-coverage metric with options threshold-std, min-share and min-count. */
    public ModeCoverageMetric(Options options) {
        super(NAME, MetricInput.POINTS, MetricInput.MIXTURE_MODES);
        this.thresholdStd = options.getDouble("threshold-std", DEFAULT_THRESHOLD_STD, 1e-6, 1e6);
        this.minShare = options.getDouble("min-share", DEFAULT_MIN_SHARE, 0.0, 1.0);
        this.minCount = options.getInt("min-count", 1, 1, Integer.MAX_VALUE);
        options.checkAllUsed();
    }

    @Override
    MetricResult computeChecked(MetricInputs in) {
        PointSet points = in.points();
        MixtureModes modes = in.mixtureModes();
        ModeAssignment a = ModeAssignment.assign(points, modes, thresholdStd);
        int needed = (int) Math.max(minCount, Math.ceil(minShare * points.size()));
        int covered = a.modesWithAtLeast(needed);
        return result(values("modes_covered", covered,
                        "mode_coverage", covered / (double) modes.count()),
                "modes", modes.count(),
                "min_count_used", needed,
                "threshold_std", thresholdStd,
                "min_share", minShare,
                "min_count", minCount,
                "generated_count", points.size());
    }
}
