/** Fully connected GAN networks ({@code mlp-gan}). */
package org.gen4j.models.gan.mlp;
