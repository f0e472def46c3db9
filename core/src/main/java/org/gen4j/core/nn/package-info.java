/**
 * Layers that DJL lacks or gets wrong, and initialisers: the transposed convolution, and gen4j's
 * own activations, reshaping, layer normalisation, residual sums and average pooling ({@link
 * org.gen4j.core.nn.Layers}), which also know their input gradient in forward operations ({@link
 * org.gen4j.core.nn.InputVjp}) so that critics built from them can carry a gradient penalty on any
 * engine.
 */
package org.gen4j.core.nn;
