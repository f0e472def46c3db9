package org.gen4j.evaluation.metrics;

import org.gen4j.core.metric.MetricInput;
import org.gen4j.core.metric.MetricInputs;
import org.gen4j.core.metric.MetricResult;
import org.gen4j.core.metric.PointSet;
import org.gen4j.core.util.Options;
import org.gen4j.evaluation.stats.ModeAssignment;

/**
 * {@value #NAME}: the share of generated points within {@code threshold-std} (default 3)
 * standard deviations of their nearest mode center (VEEGAN's "high-quality samples", Srivastava et
 * al., NeurIPS 2017). Points drawn from the 2D mixture itself score {@code 1 - exp(-4.5)} = 0.989
 * at 3 standard deviations, not 1.
 *
 * <p>Inputs: generated points, mixture modes. Options: {@code threshold-std}. Values:
 * {@code high_quality_share}. Details: {@code threshold_std}, {@code high_quality_count},
 * {@code generated_count}.
 */
public final class HighQualityShareMetric extends AbstractMetric {

    /** The registered name. */
    public static final String NAME = "high-quality-share";

    private final double thresholdStd;

    /** A high-quality-share metric with option {@code threshold-std}. */
    public HighQualityShareMetric(Options options) {
        super(NAME, MetricInput.POINTS, MetricInput.MIXTURE_MODES);
        this.thresholdStd = options.getDouble("threshold-std",
                ModeCoverageMetric.DEFAULT_THRESHOLD_STD, 1e-6, 1e6);
        options.checkAllUsed();
    }

    @Override
    MetricResult computeChecked(MetricInputs in) {
        PointSet points = in.points();
        ModeAssignment a = ModeAssignment.assign(points, in.mixtureModes(), thresholdStd);
        return result(values("high_quality_share", a.highQualityShare()),
                "threshold_std", thresholdStd,
                "high_quality_count", a.highQuality(),
                "generated_count", points.size());
    }
}
