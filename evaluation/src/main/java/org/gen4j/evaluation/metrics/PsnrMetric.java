package org.gen4j.evaluation.metrics;

import org.gen4j.core.metric.ImageSet;
import org.gen4j.core.metric.MetricInput;
import org.gen4j.core.metric.MetricInputs;
import org.gen4j.core.metric.MetricResult;
import org.gen4j.core.util.Options;
import org.gen4j.evaluation.stats.ImageQuality;

/**
 * {@value #NAME}: the peak signal-to-noise ratio of generated images against their targets, in
 * dB, \( 10 \log_{10}(L^2 / \mathrm{MSE}) \) per image pair, averaged over pairs (the convention
 * of super-resolution papers; see {@link ImageQuality#psnr}).
 *
 * <p>An identical pair has MSE 0 and PSNR {@code +Infinity}, which makes the mean
 * {@code +Infinity}; the result says so explicitly with {@code identical_pairs} and also gives
 * {@code psnr_non_identical}, the mean over the other pairs ({@code +Infinity} when all are
 * identical). JSON reports write infinity as the string {@code "Infinity"}.
 *
 * <p>Inputs: image pairs. Options: {@code data-range} {@code L} (default 2, for gen4j's [-1, 1]
 * images; 1 for [0, 1], 255 for bytes). Values: {@code psnr}, {@code psnr_non_identical},
 * {@code identical_pairs}. Details: {@code data_range}, {@code pairs}.
 */
public final class PsnrMetric extends AbstractMetric {

    /** The registered name. */
    public static final String NAME = "psnr";

    /** The default data range: gen4j images lie in [-1, 1]. */
    public static final double DEFAULT_DATA_RANGE = 2.0;

    private final double dataRange;

    /** A PSNR metric with option {@code data-range}. */
    public PsnrMetric(Options options) {
        super(NAME, MetricInput.IMAGE_PAIRS);
        this.dataRange = options.getDouble("data-range", DEFAULT_DATA_RANGE, 1e-12, 1e12);
        options.checkAllUsed();
    }

    @Override
    MetricResult computeChecked(MetricInputs in) {
        ImageSet generated = in.generatedImages();
        double[] psnr = ImageQuality.psnr(generated, in.targetImages(), dataRange);
        double sum = 0;
        double finiteSum = 0;
        int identical = 0;
        for (double v : psnr) {
            sum += v;
            if (Double.isInfinite(v)) {
                identical++;
            } else {
                finiteSum += v;
            }
        }
        double nonIdentical = identical == psnr.length ? Double.POSITIVE_INFINITY
                : finiteSum / (psnr.length - identical);
        return result(values("psnr", sum / psnr.length,
                        "psnr_non_identical", nonIdentical,
                        "identical_pairs", identical),
                "data_range", dataRange,
                "pairs", psnr.length);
    }
}
