/**
 * Input gradients of a critic that are themselves differentiable, for gradient penalties
 * (WGAN-GP, DRAGAN, R1): the contract {@link org.gen4j.core.grad.InputGradientRoute} and the
 * selection of a route for a critic on the engine in use ({@link
 * org.gen4j.core.grad.InputGradientRoutes}).
 */
package org.gen4j.core.grad;
