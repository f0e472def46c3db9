/**
 * The numerics behind the metrics, in double on flat arrays, with no engine: Gaussian fits and
 * the Frechet distance, PSD matrix square roots, the polynomial-kernel MMD, k-nearest-neighbour
 * manifolds, class-probability scores, PSNR and SSIM, mixture-mode assignment and likelihood
 * summaries.
 */
package org.gen4j.evaluation.stats;
