/**
 * CycleGAN, assembled from plugins: the procedure {@code cyclegan} (two registered translators,
 * two patch critics, cycle and identity terms, image pools), the presets {@code cyclegan},
 * {@code discogan} and {@code dualgan}, and the derived data set {@code fashion-domains}.
 */
package org.gen4j.applications.cyclegan;
