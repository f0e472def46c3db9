/**
 * The GAN training procedures {@code gan} and {@code cgan}: their spec keys, networks and the
 * alternating step.
 */
package org.gen4j.models.gan.procedure;
