/** VAE objectives as plugins: {@code kl-reconstruction}. */
package org.gen4j.losses.variational;
