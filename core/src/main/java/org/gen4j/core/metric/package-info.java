/**
 * The metric SPI: what a sample-quality or likelihood metric is, what it reads and what it returns.
 *
 * <p>These types live in the core, next to the other plugin kinds, for three reasons. The
 * {@link org.gen4j.core.spi.Registry} resolves every kind by name and lists it in {@code gen4j
 * list}, and {@link org.gen4j.core.spi.PluginKind} names the factory interface of each kind, so the
 * factory type must be visible to the core. Applications (super-resolution computing PSNR and SSIM,
 * for example) compile against the core only and find their parts by name. And models that
 * implement {@link org.gen4j.core.model.LikelihoodModel} (VAEs, autoregressive models) live in
 * plugin modules that may not depend on the evaluation module. The implementations, and all of
 * their numerics, are in {@code gen4j-evaluation}.
 *
 * <p>A metric is created by its {@link org.gen4j.core.metric.MetricFactory} from options, declares
 * the {@link org.gen4j.core.metric.MetricInput}s it reads, and computes a
 * {@link org.gen4j.core.metric.MetricResult} of named values from
 * {@link org.gen4j.core.metric.MetricInputs}.
 */
package org.gen4j.core.metric;
