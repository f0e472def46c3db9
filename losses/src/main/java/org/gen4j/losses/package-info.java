/**
 * gen4j's losses plugin. It registers, as {@code loss} plugins: {@code minimax} (the saturating
 * generator loss of Goodfellow et al. 2014) and {@code non-saturating} (its -log D(G(z)) variant),
 * both with the standard discriminator loss; {@code wasserstein}, {@code hinge}, {@code
 * least-squares} and {@code relativistic-average}; and, as a {@code regularizer} plugin, {@code
 * weight-clipping}.
 */
package org.gen4j.losses;
