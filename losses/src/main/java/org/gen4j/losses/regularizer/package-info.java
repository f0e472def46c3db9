/** Regularizers and constraints on the discriminator (critic). */
package org.gen4j.losses.regularizer;
