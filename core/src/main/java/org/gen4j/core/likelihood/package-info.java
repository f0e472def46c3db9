/**
 * Distributions over image values that a network's output parametrises: a VAE's decoder, an
 * autoregressive model's per-pixel output.
 */
package org.gen4j.core.likelihood;
