/**
 * Semantic inpainting, assembled from a trained model: the inpainter {@code semantic} searches
 * a generator's latent for the known pixels.
 */
package org.gen4j.applications.inpainting;
