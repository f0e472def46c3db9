package org.gen4j.evaluation.stats;

import java.util.Objects;

/**
 * The Frechet (2-Wasserstein) distance between two Gaussians, squared:
 * \( d^2 = \|\mu_1 - \mu_2\|^2 + \mathrm{tr}(\Sigma_1) + \mathrm{tr}(\Sigma_2)
 * - 2\,\mathrm{tr}\big((\Sigma_1^{1/2} \Sigma_2 \Sigma_1^{1/2})^{1/2}\big) \)
 * (Dowson and Landau, "The Frechet distance between multivariate normal distributions", 1982).
 *
 * <p>Applied to Gaussians fitted to the features of generated and real images it is the FID
 * (Heusel et al., "GANs Trained by a Two Time-Scale Update Rule Converge to a Local Nash
 * Equilibrium", NeurIPS 2017). The cross term is the sum of the singular values of
 * {@code S2^{1/2} S1^{1/2}}, with both roots from symmetric eigendecompositions
 * ({@link PsdMatrices#traceSqrtOfProduct}): real, finite and accurate to round-off for singular
 * and ill-conditioned covariances.
 */
public final class FrechetDistance {

    private FrechetDistance() {}

    /**
     * The squared Frechet distance between two fitted Gaussians.
     *
     * @throws IllegalArgumentException if the dimensions differ
     */
    public static double between(GaussianFit a, GaussianFit b) {
        Objects.requireNonNull(a, "first fit is null");
        Objects.requireNonNull(b, "second fit is null");
        return ofGaussians(a.mean(), a.covariance(), b.mean(), b.covariance());
    }

    /**
     * The squared Frechet distance between {@code N(mu1, s1)} and {@code N(mu2, s2)}.
     *
     * <p>The result is clamped to 0: for two equal Gaussians the terms cancel to a round-off
     * residue of about {@code 1e-15} times the trace, of either sign.
     *
     * @param mu1 the first mean, length {@code d}
     * @param s1 the first covariance, {@code d x d}, symmetric PSD
     * @param mu2 the second mean, length {@code d}
     * @param s2 the second covariance, {@code d x d}, symmetric PSD
     * @throws IllegalArgumentException if the dimensions differ or a covariance is not PSD
     */
    public static double ofGaussians(double[] mu1, double[][] s1, double[] mu2, double[][] s2) {
        Objects.requireNonNull(mu1, "first mean is null");
        Objects.requireNonNull(mu2, "second mean is null");
        if (mu1.length != mu2.length || s1.length != mu1.length || s2.length != mu2.length) {
            throw new IllegalArgumentException("Gaussians of different dimensions: means "
                    + mu1.length + " and " + mu2.length + ", covariances " + s1.length + " and "
                    + s2.length);
        }
        double meanTerm = 0;
        for (int i = 0; i < mu1.length; i++) {
            double t = mu1[i] - mu2[i];
            meanTerm += t * t;
        }
        double trace1 = 0;
        double trace2 = 0;
        for (int i = 0; i < s1.length; i++) {
            trace1 += s1[i][i];
            trace2 += s2[i][i];
        }
        double cross = PsdMatrices.traceSqrtOfProduct(s1, s2);
        return Math.max(0.0, meanTerm + trace1 + trace2 - 2 * cross);
    }
}
