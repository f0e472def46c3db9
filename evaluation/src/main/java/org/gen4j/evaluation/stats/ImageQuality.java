package org.gen4j.evaluation.stats;

import java.util.Objects;
import org.gen4j.core.metric.ImageSet;

/**
 * Full-reference image quality of generated images against targets: PSNR and SSIM, per image,
 * for image-to-image models (super-resolution, pix2pix, inpainting).
 */
public final class ImageQuality {

    /** The side of the SSIM window. */
    public static final int SSIM_WINDOW = 11;

    /** The standard deviation of the SSIM Gaussian window, in pixels. */
    public static final double SSIM_SIGMA = 1.5;

    /** SSIM's luminance constant factor: {@code C1 = (K1 L)^2}. */
    public static final double SSIM_K1 = 0.01;

    /** SSIM's contrast constant factor: {@code C2 = (K2 L)^2}. */
    public static final double SSIM_K2 = 0.03;

    private ImageQuality() {}

    /**
     * The peak signal-to-noise ratio of each pair, in dB:
     * \( 10 \log_{10}(L^2 / \mathrm{MSE}) \) with the MSE over all channels and pixels of the pair
     * and \(L\) the data range. An identical pair has MSE 0 and PSNR {@code +Infinity}.
     *
     * @param generated the generated images
     * @param target the targets, same count and shape
     * @param dataRange {@code L}: the maximum minus the minimum possible pixel value (2 for gen4j's
     *     [-1, 1] images)
     * @return one PSNR per pair
     */
    public static double[] psnr(ImageSet generated, ImageSet target, double dataRange) {
        checkPairs(generated, target, dataRange);
        float[] g = generated.toArray();
        float[] t = target.toArray();
        int per = generated.channels() * generated.height() * generated.width();
        double[] out = new double[generated.count()];
        for (int n = 0; n < out.length; n++) {
            double sum = 0;
            for (int i = n * per; i < (n + 1) * per; i++) {
                double e = (double) g[i] - t[i];
                sum += e * e;
            }
            double mse = sum / per;
            out[n] = mse == 0 ? Double.POSITIVE_INFINITY
                    : 10 * Math.log10(dataRange * dataRange / mse);
        }
        return out;
    }

    /**
     * The structural similarity of each pair (Wang, Bovik, Sheikh and Simoncelli, "Image Quality
     * Assessment: From Error Visibility to Structural Similarity", IEEE TIP 2004), with the paper's
     * settings: an 11 x 11 Gaussian window of standard deviation 1.5 normalised to sum 1,
     * {@code K1 = 0.01}, {@code K2 = 0.03}, {@code C1 = (K1 L)^2}, {@code C2 = (K2 L)^2}, weighted
     * (not sample-corrected) local statistics. The SSIM map
     * \( \frac{(2\mu_x\mu_y + C_1)(2\sigma_{xy} + C_2)}{(\mu_x^2 + \mu_y^2 + C_1)(\sigma_x^2 +
     * \sigma_y^2 + C_2)} \) is averaged over the window positions that lie inside the image (the
     * "valid" region of the authors' MATLAB code, which is also what scikit-image's
     * {@code structural_similarity(gaussian_weights=True, use_sample_covariance=False)} averages),
     * then over channels.
     *
     * @param generated the generated images, at least 11 x 11
     * @param target the targets, same count and shape
     * @param dataRange {@code L}, as for {@link #psnr}
     * @return one SSIM per pair, in [-1, 1]; 1 for identical images
     */
    public static double[] ssim(ImageSet generated, ImageSet target, double dataRange) {
        checkPairs(generated, target, dataRange);
        int h = generated.height();
        int w = generated.width();
        if (h < SSIM_WINDOW || w < SSIM_WINDOW) {
            throw new IllegalArgumentException("ssim: images are " + h + " x " + w + " but the "
                    + SSIM_WINDOW + " x " + SSIM_WINDOW + " Gaussian window needs images of at "
                    + "least " + SSIM_WINDOW + " x " + SSIM_WINDOW);
        }
        double c1 = SSIM_K1 * dataRange * SSIM_K1 * dataRange;
        double c2 = SSIM_K2 * dataRange * SSIM_K2 * dataRange;
        double[] window = gaussianWindow();
        float[] g = generated.toArray();
        float[] t = target.toArray();
        int channels = generated.channels();
        int plane = h * w;
        double[] out = new double[generated.count()];
        SsimScratch s = new SsimScratch(h, w);
        for (int n = 0; n < out.length; n++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                int off = (n * channels + c) * plane;
                sum += ssimPlane(g, t, off, h, w, window, c1, c2, s);
            }
            out[n] = sum / channels;
        }
        return out;
    }

    /** The normalised 1D Gaussian of 11 taps; the 2D window is its outer product. */
    static double[] gaussianWindow() {
        double[] g = new double[SSIM_WINDOW];
        int r = SSIM_WINDOW / 2;
        double sum = 0;
        for (int i = 0; i < SSIM_WINDOW; i++) {
            g[i] = Math.exp(-((i - r) * (double) (i - r)) / (2 * SSIM_SIGMA * SSIM_SIGMA));
            sum += g[i];
        }
        for (int i = 0; i < SSIM_WINDOW; i++) {
            g[i] /= sum;
        }
        return g;
    }

    private static final class SsimScratch {
        final double[][] rows;
        final double[][] valid;

        SsimScratch(int h, int w) {
            int vw = w - SSIM_WINDOW + 1;
            int vh = h - SSIM_WINDOW + 1;
            rows = new double[5][h * vw];
            valid = new double[5][vh * vw];
        }
    }

    /** Mean SSIM of one channel plane; the window is applied separably, rows then columns. */
    private static double ssimPlane(float[] g, float[] t, int off, int h, int w, double[] win,
            double c1, double c2, SsimScratch s) {
        int vw = w - SSIM_WINDOW + 1;
        int vh = h - SSIM_WINDOW + 1;
        // Horizontal pass over x, y, x^2, y^2, xy.
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < vw; x++) {
                double ax = 0, ay = 0, axx = 0, ayy = 0, axy = 0;
                for (int k = 0; k < SSIM_WINDOW; k++) {
                    double a = g[off + y * w + x + k];
                    double b = t[off + y * w + x + k];
                    double wk = win[k];
                    ax += wk * a;
                    ay += wk * b;
                    axx += wk * a * a;
                    ayy += wk * b * b;
                    axy += wk * a * b;
                }
                int i = y * vw + x;
                s.rows[0][i] = ax;
                s.rows[1][i] = ay;
                s.rows[2][i] = axx;
                s.rows[3][i] = ayy;
                s.rows[4][i] = axy;
            }
        }
        double sum = 0;
        for (int y = 0; y < vh; y++) {
            for (int x = 0; x < vw; x++) {
                double mx = 0, my = 0, mxx = 0, myy = 0, mxy = 0;
                for (int k = 0; k < SSIM_WINDOW; k++) {
                    int i = (y + k) * vw + x;
                    double wk = win[k];
                    mx += wk * s.rows[0][i];
                    my += wk * s.rows[1][i];
                    mxx += wk * s.rows[2][i];
                    myy += wk * s.rows[3][i];
                    mxy += wk * s.rows[4][i];
                }
                double vx = mxx - mx * mx;
                double vy = myy - my * my;
                double cxy = mxy - mx * my;
                sum += ((2 * mx * my + c1) * (2 * cxy + c2))
                        / ((mx * mx + my * my + c1) * (vx + vy + c2));
            }
        }
        return sum / ((double) vh * vw);
    }

    private static void checkPairs(ImageSet generated, ImageSet target, double dataRange) {
        Objects.requireNonNull(generated, "generated images is null");
        Objects.requireNonNull(target, "target images is null");
        if (!generated.sameShape(target)) {
            throw new IllegalArgumentException(generated.name() + " are " + generated.shapeString()
                    + " but " + target.name() + " are " + target.shapeString()
                    + "; pairs need the same count and image shape");
        }
        if (!(dataRange > 0) || Double.isInfinite(dataRange)) {
            throw new IllegalArgumentException(
                    "data-range must be finite and > 0 (2 for [-1, 1] images), got " + dataRange);
        }
    }
}
