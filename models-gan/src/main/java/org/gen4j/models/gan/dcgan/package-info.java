/** DCGAN networks ({@code dcgan}), Radford et al. 2016. */
package org.gen4j.models.gan.dcgan;
