/** ProGAN: progressively grown networks with fade-in, pixel normalisation, equalised learning rate and minibatch standard deviation. */
package org.gen4j.models.gan.progan;
