/** Presets: the papers' settings of the adversarial losses ({@code wgan}, {@code wgan-gp}). */
package org.gen4j.losses.preset;
