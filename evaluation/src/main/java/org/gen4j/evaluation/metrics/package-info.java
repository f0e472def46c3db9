/**
 * The metrics of the evaluation harness, each a plugin registered by name: {@code fid},
 * {@code kid}, {@code precision-recall}, {@code density-coverage}, {@code classifier-score},
 * {@code conditional-accuracy}, {@code nll}, {@code bits-per-dim}, {@code mode-coverage},
 * {@code high-quality-share}, {@code psnr} and {@code ssim}.
 *
 * <p>Each class documents its definition, reference paper, options, value names and conventions;
 * the numerics are in {@link org.gen4j.evaluation.stats}.
 */
package org.gen4j.evaluation.metrics;
