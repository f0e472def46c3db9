/** Mode-coverage experiments: a GAN trained on a 2-D Gaussian mixture, scored by modes covered. */
package org.gen4j.models.gan.coverage;
