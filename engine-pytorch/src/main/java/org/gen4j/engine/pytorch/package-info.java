/**
 * What only the PyTorch engine can do: the {@code create-graph} input-gradient route for gradient
 * penalties ({@link org.gen4j.engine.pytorch.CreateGraphRoute}), registered for {@link
 * java.util.ServiceLoader} under {@link org.gen4j.core.grad.InputGradientRoute}. On any other
 * engine the route reports itself unsupported and loads no PyTorch class.
 */
package org.gen4j.engine.pytorch;
