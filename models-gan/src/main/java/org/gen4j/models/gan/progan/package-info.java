/**
 * ProGAN: progressively grown networks with fade-in, pixel normalisation, the equalised learning
 * rate and the minibatch standard deviation.
 */
package org.gen4j.models.gan.progan;
