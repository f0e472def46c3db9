package org.gen4j.core.likelihood;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.Arrays;
import java.util.List;
import org.gen4j.core.engine.Scalars;
import org.gen4j.core.loss.LogitFunctions;

/**
 * The distributions a network's output defines over the values of images, by name (a VAE's
 * decoder, an autoregressive model's per-pixel output):
 *
 * <ul>
 *   <li>{@value #BERNOULLI}: one logit {@code l} per value, for binarised data; with {@code t =
 *       (x + 1) / 2}, \( -\log p = \sum \mathrm{softplus}(l) - t\,l \).
 *   <li>{@value #GAUSSIAN}: a mean per value and a fixed standard deviation {@code s},
 *       \( -\log p = \sum \tfrac12 ((x - \mu)/s)^2 + \log s + \tfrac12 \log 2\pi \).
 *   <li>{@value #GAUSSIAN_LEARNED}: a mean and a log standard deviation per value (clipped to
 *       [-7, 2]), the same density.
 *   <li>{@value #LOGISTIC}: the discretised logistic of PixelCNN++ (Salimans et al. 2017) over
 *       the 256 levels of 8-bit data in [-1, 1] (bins of width 2/255, the end bins open), a mean
 *       and a log scale (clipped below at -7) per value.
 *   <li>{@value #CATEGORICAL}: a softmax over the 256 levels of 8-bit data per value (256
 *       logits; part {@code j} of the output holds the logits of level {@code j}), the level of
 *       {@code x} being {@code round((x + 1) * 127.5)}.
 * </ul>
 */
public final class PixelLikelihoods {

    /** Bernoulli logits. */
    public static final String BERNOULLI = "bernoulli";
    /** Gaussian with a fixed standard deviation. */
    public static final String GAUSSIAN = "gaussian";
    /** Gaussian with a learned standard deviation per value. */
    public static final String GAUSSIAN_LEARNED = "gaussian-learned";
    /** Discretised logistic for 8-bit data. */
    public static final String LOGISTIC = "logistic";
    /** A 256-way softmax for 8-bit data. */
    public static final String CATEGORICAL = "categorical";
    /** The levels of 8-bit data. */
    public static final int LEVELS = 256;

    /** Every name, in the order specs list them. */
    public static final List<String> NAMES = List.of(BERNOULLI, GAUSSIAN, GAUSSIAN_LEARNED,
            LOGISTIC, CATEGORICAL);

    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
    /** Half a bin of 8-bit data scaled to [-1, 1]. */
    private static final float HALF_BIN = 1f / 255f;

    private PixelLikelihoods() {}

    /**
     * The distribution called {@code name}.
     *
     * @param std the fixed standard deviation of {@value #GAUSSIAN}, in the data's units
     * @throws IllegalArgumentException naming the known distributions
     */
    public static PixelLikelihood of(String name, double std) {
        return switch (name) {
            case BERNOULLI -> new Bernoulli();
            case GAUSSIAN -> new Gaussian(false, std);
            case GAUSSIAN_LEARNED -> new Gaussian(true, std);
            case LOGISTIC -> new Logistic();
            case CATEGORICAL -> new Categorical();
            default -> throw new IllegalArgumentException("a pixel distribution must be one of "
                    + NAMES + ", got '" + name + "'");
        };
    }

    /** Sums each sample's values: {@code (N, ...)} to {@code (N)}. */
    static NDArray perSample(NDArray values) {
        return values.reshape(values.getShape().get(0), -1).sum(new int[] {1});
    }

    /** The {@code i}-th of {@code k} equal parts of the output along axis 1. */
    static NDArray part(NDArray out, int i, int k) {
        long c = out.getShape().get(1) / k;
        return out.get(new NDIndex(":, {}:{}", i * c, (i + 1) * c));
    }

    private static final class Bernoulli implements PixelLikelihood {
        @Override
        public String name() {
            return BERNOULLI;
        }

        @Override
        public int outputsPerValue() {
            return 1;
        }

        @Override
        public NDArray nll(NDArray out, NDArray x) {
            // The engines' fused softplus (one pass, stable: x above 20 is returned as is) is 3x
            // faster on MXNet than the composite LogitFunctions.softplus on (4000, 784) logits.
            NDArray t = Scalars.mul(x.add(1f), 0.5f);
            return perSample(Activation.softPlus(out).sub(out.mul(t)));
        }

        @Override
        public NDArray mean(NDArray out) {
            return Scalars.mul(out, 0.5f).tanh();
        }

        @Override
        public boolean discrete() {
            return true;
        }
    }

    private static final class Gaussian implements PixelLikelihood {
        private final boolean learned;
        private final float std;

        Gaussian(boolean learned, double std) {
            if (!(std > 0) || Double.isInfinite(std)) {
                throw new IllegalArgumentException("decoder-std must be finite and > 0, got "
                        + std);
            }
            this.learned = learned;
            this.std = (float) std;
        }

        @Override
        public String name() {
            return learned ? GAUSSIAN_LEARNED : GAUSSIAN;
        }

        @Override
        public int outputsPerValue() {
            return learned ? 2 : 1;
        }

        @Override
        public NDArray nll(NDArray out, NDArray x) {
            if (!learned) {
                NDArray z = Scalars.div(x.sub(out), std);
                return perSample(Scalars.mul(z.square(), 0.5f)).add((float) (Math.log(std)
                        + HALF_LOG_TWO_PI) * x.getShape().slice(1).size());
            }
            NDArray mu = part(out, 0, 2);
            NDArray logStd = Scalars.minimum(Scalars.maximum(part(out, 1, 2), -7f), 2f);
            NDArray z = x.sub(mu).mul(logStd.neg().exp());
            return perSample(Scalars.mul(z.square(), 0.5f).add(logStd)
                    .add((float) HALF_LOG_TWO_PI));
        }

        @Override
        public NDArray mean(NDArray out) {
            return Scalars.minimum(Scalars.maximum((learned ? part(out, 0, 2) : out), -1f), 1f);
        }

        @Override
        public boolean discrete() {
            return false;
        }
    }

    private static final class Logistic implements PixelLikelihood {
        @Override
        public String name() {
            return LOGISTIC;
        }

        @Override
        public int outputsPerValue() {
            return 2;
        }

        @Override
        public NDArray nll(NDArray out, NDArray x) {
            NDArray mu = part(out, 0, 2);
            NDArray logScale = Scalars.maximum(part(out, 1, 2), -7f);
            NDArray centered = x.sub(mu);
            NDArray invScale = logScale.neg().exp();
            NDArray plusIn = centered.add(HALF_BIN).mul(invScale);
            NDArray minIn = centered.sub(HALF_BIN).mul(invScale);
            NDArray logCdfPlus = LogitFunctions.logSigmoid(plusIn);
            NDArray logOneMinusCdfMin = LogitFunctions.softplus(minIn).neg();
            NDArray cdfDelta = Activation.sigmoid(plusIn).sub(Activation.sigmoid(minIn));
            NDArray midIn = centered.mul(invScale);
            // The density at the bin centre times the bin width, where the bin's mass underflows.
            NDArray logPdfMid = midIn.sub(logScale)
                    .sub(Scalars.mul(LogitFunctions.softplus(midIn), 2f))
                    .add((float) Math.log(2 * HALF_BIN));
            NDArray inner = NDArrays.where(cdfDelta.gt(1e-5f),
                    Scalars.maximum(cdfDelta, 1e-12f).log(), logPdfMid);
            NDArray logProb = NDArrays.where(x.lt(-0.999f), logCdfPlus,
                    NDArrays.where(x.gt(0.999f), logOneMinusCdfMin, inner));
            return perSample(logProb).neg();
        }

        @Override
        public NDArray mean(NDArray out) {
            return Scalars.minimum(Scalars.maximum(part(out, 0, 2), -1f), 1f);
        }

        @Override
        public boolean discrete() {
            return true;
        }
    }

    /** A categorical output, {@code (N, 256 C, ...)}, as {@code (N, 256, C, ...)}. */
    private static NDArray byLevel(NDArray out) {
        Shape s = out.getShape();
        long[] dims = new long[s.dimension() + 1];
        dims[0] = s.get(0);
        dims[1] = LEVELS;
        dims[2] = s.get(1) / LEVELS;
        for (int i = 2; i < s.dimension(); i++) {
            dims[i + 1] = s.get(i);
        }
        return out.reshape(new Shape(dims));
    }

    /** {@code values} shaped to broadcast along axis 1 of an array of {@code dimensions} axes. */
    private static NDArray alongLevels(NDArray values, int dimensions) {
        long[] shape = new long[dimensions];
        Arrays.fill(shape, 1);
        shape[1] = LEVELS;
        return values.reshape(new Shape(shape));
    }

    private static final class Categorical implements PixelLikelihood {
        @Override
        public String name() {
            return CATEGORICAL;
        }

        @Override
        public int outputsPerValue() {
            return LEVELS;
        }

        @Override
        public NDArray nll(NDArray out, NDArray x) {
            NDArray logP = byLevel(out).logSoftmax(1);
            NDArray levels = Scalars.mul(x.add(1f), 127.5f).round().expandDims(1);
            NDArray grid = alongLevels(x.getManager().arange(0f, LEVELS),
                    logP.getShape().dimension());
            NDArray oneHot = levels.eq(grid).toType(logP.getDataType(), false);
            return perSample(logP.mul(oneHot)).neg();
        }

        @Override
        public NDArray mean(NDArray out) {
            NDArray p = byLevel(out).softmax(1);
            NDArray values = alongLevels(
                    Scalars.div(out.getManager().arange(0f, LEVELS), 127.5f).sub(1f),
                    p.getShape().dimension());
            return p.mul(values).sum(new int[] {1});
        }

        @Override
        public boolean discrete() {
            return true;
        }
    }
}
