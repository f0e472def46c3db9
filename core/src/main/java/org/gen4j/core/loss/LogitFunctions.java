package org.gen4j.core.loss;

import ai.djl.ndarray.NDArray;
import org.gen4j.core.engine.Scalars;

/**
 * Numerically stable functions of logits, for any loss plugin: adversarial losses, a Bernoulli
 * decoder's likelihood, a classification term. They never take the logarithm of a sigmoid, so
 * logits of +-100 (or +-1e4) give finite values and gradients.
 */
public final class LogitFunctions {

    private LogitFunctions() {}

    /**
     * \( \mathrm{softplus}(x) = \log(1 + e^x) = \tfrac{x + |x|}{2} + \log(1 + e^{-|x|}) \),
     * elementwise, written so that it never overflows.
     *
     * <p>The symmetric form {@code (x + |x|) / 2} rather than {@code max(x, 0)} gives the exact
     * derivative 1/2 at x = 0 (the engines' max passes the whole gradient to one side of a tie).
     * Without a log1p operator in DJL, values below about 1e-7 (x &lt; -16) round to 0 in float32:
     * an absolute error under 1e-7, far below a loss's resolution.
     */
    public static NDArray softplus(NDArray x) {
        NDArray abs = x.abs();
        return Scalars.mul(x.add(abs), 0.5f).add(abs.neg().exp().add(1f).log());
    }

    /**
     * \( \log \sigma(x) = -\mathrm{softplus}(-x) \), elementwise, stable for any {@code x};
     * \( \log(1 - \sigma(x)) \) is {@code logSigmoid(x.neg())}.
     */
    public static NDArray logSigmoid(NDArray x) {
        return softplus(x.neg()).neg();
    }

    /**
     * The mean softmax cross-entropy of class logits against labels, \( -\frac{1}{N} \sum_n
     * \log \mathrm{softmax}(x_n)_{y_n} \), through the engine's stable log-softmax.
     *
     * @param logits {@code (N, K)}
     * @param labels {@code (N)} class indices in [0, K), any integer or float type
     * @return a scalar in the logits' manager
     */
    public static NDArray softmaxCrossEntropy(NDArray logits, NDArray labels) {
        long k = logits.getShape().get(logits.getShape().dimension() - 1);
        NDArray oneHot = labels.toType(ai.djl.ndarray.types.DataType.INT32, false)
                .oneHot((int) k).toType(logits.getDataType(), false);
        return logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).mean().neg();
    }
}
