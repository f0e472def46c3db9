/** The GAN trainer, its step strategy, checkpoints and listeners. */
package org.gen4j.core.train;
