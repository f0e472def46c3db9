/**
 * Super-resolution, assembled from plugins: the procedure {@code srgan} (a registered upscaling
 * translator, a patch critic, pixel and perceptual content terms) and the derived data set
 * {@code fashion-lowres}.
 */
package org.gen4j.applications.superresolution;
