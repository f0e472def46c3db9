/** The SNGAN networks: a spectrally normalised discriminator and its generator. */
package org.gen4j.models.gan.sngan;
