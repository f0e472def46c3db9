/**
 * gen4j GAN architectures plugin. Registers generators and discriminators named {@code mlp-gan}
 * and {@code dcgan}.
 */
package org.gen4j.models.gan;
