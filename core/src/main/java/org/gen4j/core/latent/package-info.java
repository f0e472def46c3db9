/** Latent-space helpers: interpolation paths and grids between latent vectors. */
package org.gen4j.core.latent;
