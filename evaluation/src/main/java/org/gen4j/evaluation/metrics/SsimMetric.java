package org.gen4j.evaluation.metrics;

import org.gen4j.core.metric.ImageSet;
import org.gen4j.core.metric.MetricInput;
import org.gen4j.core.metric.MetricInputs;
import org.gen4j.core.metric.MetricResult;
import org.gen4j.core.util.Options;
import org.gen4j.evaluation.stats.ImageQuality;

/**
 * {@value #NAME}: the structural similarity of generated images to their targets (Wang et al.,
 * "Image Quality Assessment: From Error Visibility to Structural Similarity", IEEE TIP 2004),
 * with the paper's 11 x 11 Gaussian window (sigma 1.5), {@code K1 = 0.01}, {@code K2 = 0.03}, the
 * map averaged over the valid window positions, then over channels, then over pairs; see
 * {@link ImageQuality#ssim}. 1 for identical images; images need at least 11 x 11 pixels.
 *
 * <p>Inputs: image pairs. Options: {@code data-range} {@code L} (default 2, for gen4j's [-1, 1]
 * images). Values: {@code ssim}. Details: {@code data_range}, {@code window}, {@code sigma},
 * {@code k1}, {@code k2}, {@code pairs}.
 */
public final class SsimMetric extends AbstractMetric {

    /** The registered name. */
    public static final String NAME = "ssim";

    private final double dataRange;

    /** An SSIM metric with option {@code data-range}. */
    public SsimMetric(Options options) {
        super(NAME, MetricInput.IMAGE_PAIRS);
        this.dataRange = options.getDouble("data-range", PsnrMetric.DEFAULT_DATA_RANGE, 1e-12,
                1e12);
        options.checkAllUsed();
    }

    @Override
    MetricResult computeChecked(MetricInputs in) {
        ImageSet generated = in.generatedImages();
        double[] ssim = ImageQuality.ssim(generated, in.targetImages(), dataRange);
        double sum = 0;
        for (double v : ssim) {
            sum += v;
        }
        return result(values("ssim", sum / ssim.length),
                "data_range", dataRange,
                "window", ImageQuality.SSIM_WINDOW,
                "sigma", ImageQuality.SSIM_SIGMA,
                "k1", ImageQuality.SSIM_K1,
                "k2", ImageQuality.SSIM_K2,
                "pairs", ssim.length);
    }
}
