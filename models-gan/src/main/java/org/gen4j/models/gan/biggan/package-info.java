/**
 * A small class-conditional BigGAN: conditional BatchNorm, a shared class embedding,
 * self-attention, spectral normalisation and a projection discriminator.
 */
package org.gen4j.models.gan.biggan;
