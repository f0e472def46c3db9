package org.gen4j.evaluation.stats;

/**
 * A separable Gaussian blur of image planes, the degradation by which a metric's sanity is
 * checked: FID and KID must grow as the blur grows.
 *
 * <p>The kernel is {@code exp(-x^2 / (2 sigma^2))} on {@code |x| <= ceil(3 sigma)}, normalised to
 * sum 1; the border is extended by repeating the edge pixel, so a constant image stays constant.
 */
public final class GaussianBlur {

    private GaussianBlur() {}

    /**
     * Blurs images.
     *
     * @param images {@code n * planes * h * w} values, plane after plane
     * @param height each plane's height
     * @param width each plane's width
     * @param sigma the standard deviation in pixels; 0 returns a copy
     * @return a new array
     * @throws IllegalArgumentException if sigma is negative or not finite, or the length is not a
     *     whole number of planes
     */
    public static float[] apply(float[] images, int height, int width, double sigma) {
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma must be a finite number >= 0, got " + sigma);
        }
        int plane = height * width;
        if (plane < 1 || images.length % plane != 0) {
            throw new IllegalArgumentException(images.length + " values are not planes of "
                    + height + " x " + width);
        }
        float[] out = images.clone();
        if (sigma == 0) {
            return out;
        }
        int r = (int) Math.ceil(3 * sigma);
        double[] k = new double[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = Math.exp(-i * i / (2 * sigma * sigma));
            sum += k[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        double[] tmp = new double[plane];
        for (int p = 0; p < images.length; p += plane) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double s = 0;
                    for (int i = -r; i <= r; i++) {
                        int xx = Math.min(width - 1, Math.max(0, x + i));
                        s += k[i + r] * images[p + y * width + xx];
                    }
                    tmp[y * width + x] = s;
                }
            }
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double s = 0;
                    for (int i = -r; i <= r; i++) {
                        int yy = Math.min(height - 1, Math.max(0, y + i));
                        s += k[i + r] * tmp[yy * width + x];
                    }
                    out[p + y * width + x] = (float) s;
                }
            }
        }
        return out;
    }
}
