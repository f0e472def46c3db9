package org.gen4j.models.ae.procedure;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.gen4j.core.engine.Scalars;
import org.gen4j.core.model.LikelihoodModel;
import org.gen4j.core.procedure.DataInfo;
import org.gen4j.core.procedure.SampleContext;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.util.Options;
import org.gen4j.core.engine.HostArrays;

/**
 * A VAE's likelihood of held-out data, as one of two estimates of {@code log p(x)}, in nats of
 * the discrete data ({@link LikelihoodModel}):
 *
 * <ul>
 *   <li>{@value #ELBO}: the negative evidence lower bound, \( \mathbb{E}_{q}[-\log p(x|z)] +
 *       \mathrm{KL}(q(z|x) \,\|\, p(z)) \), the expectation over {@code samples} codes (default 1),
 *       the KL analytic;
 *   <li>{@value #IWAE}: the importance-weighted estimate of Burda et al. (2016),
 *       \( -\log \tfrac1k \sum_{j} p(x|z_j)\, p(z_j) / q(z_j|x) \) over {@code k = samples} codes
 *       (default 1000), by log-sum-exp. It is a tighter bound in expectation and approaches
 *       {@code -log p(x)} as k grows.
 * </ul>
 *
 * <p>Both are upper bounds on the NLL in expectation ({@link #exact()} is false). A decoder with
 * a density (Gaussian) is evaluated at the dequantised {@code x + w u} ({@code dequantise}, default
 * true; false gives the density of continuous data); options {@code seed} (the codes' and the
 * dequantisation's stream) and {@code chunk} (image-code pairs per forward pass, default 4096).
 */
final class VaeLikelihood implements LikelihoodModel {

    static final String ELBO = "elbo";
    static final String IWAE = "iwae";

    private final Vae vae;
    private final SampleContext context;
    private final DataInfo data;
    private final boolean importanceWeighted;
    private final int samples;
    private final int chunk;
    private final RandomStream random;
    private final boolean dequantise;

    private VaeLikelihood(Vae vae, SampleContext context, DataInfo data, boolean iw, int samples,
            int chunk, long seed, boolean dequantise) {
        this.dequantise = dequantise && !vae.likelihood().discrete();
        this.vae = vae;
        this.context = context;
        this.data = data;
        this.importanceWeighted = iw;
        this.samples = samples;
        this.chunk = chunk;
        this.random = RandomStream.derive(seed, "vae-likelihood");
    }

    static LikelihoodModel of(Vae vae, SampleContext context, DataInfo data, String estimator,
            Options options) {
        boolean iw = switch (estimator) {
            case ELBO -> false;
            case IWAE -> true;
            default -> throw new IllegalArgumentException("a VAE's likelihood estimators are ["
                    + ELBO + ", " + IWAE + "], got '" + estimator + "'");
        };
        int samples = options.getInt("samples", iw ? 1000 : 1, 1, 1_000_000);
        int chunk = options.getInt("chunk", 4096, 1, 1 << 22);
        long seed = options.getLong("seed", 0, Long.MIN_VALUE, Long.MAX_VALUE);
        boolean dequantise = options.getBoolean("dequantise", true);
        options.checkAllUsed();
        return new VaeLikelihood(vae, context, data, iw, samples, chunk, seed, dequantise);
    }

    @Override
    public String id() {
        return importanceWeighted ? "vae-iwae-k" + samples : "vae-elbo";
    }

    @Override
    public Shape sampleShape() {
        return data.sampleShape();
    }

    @Override
    public boolean exact() {
        return false;
    }

    @Override
    public boolean conditional() {
        return vae.numClasses() > 0;
    }

    @Override
    public double[] negativeLogLikelihood(float[] batch, int n) {
        return negativeLogLikelihood(batch, null, n);
    }

    @Override
    public double[] negativeLogLikelihood(float[] batch, int[] labels, int n) {
        int per = checkBatch(batch, labels, n);
        double[] out = new double[n];
        int images = Math.max(1, chunk / samples);
        for (int start = 0; start < n; start += images) {
            int g = Math.min(images, n - start);
            float[] x = Arrays.copyOfRange(batch, start * per, (start + g) * per);
            int[] y = labels == null ? null : Arrays.copyOfRange(labels, start,
                    start + g);
            for (int i = 0; i < g; i++) {
                out[start + i] = imageNll(x, y, g, per, i);
            }
        }
        return out;
    }

    /** Evaluates a group of {@code g} images and returns the NLL of image {@code index}. */
    private double[] groupCache;
    private float[] groupKey;

    private double imageNll(float[] x, int[] y, int g, int per, int index) {
        if (groupKey != x) {
            groupCache = group(x, y, g, per);
            groupKey = x;
        }
        return groupCache[index];
    }

    private double[] group(float[] pixels, int[] labels, int g, int per) {
        if (dequantise) {
            pixels = pixels.clone();
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] += (float) (GEN4J_BIN_WIDTH * random.nextDouble());
            }
        }
        int k = samples;
        int d = vae.latentSize();
        try (NDManager m = context.manager().newSubManager()) {
            NDArray x = HostArrays.create(m, pixels, new Shape(g).addAll(sampleShape()));
            NDArray y = labels == null ? null : HostArrays.create(m, labels);
            NDArray[] q = vae.posterior(context::forward, x, y);
            NDArray kl = Scalars.mul(q[0].square().add(q[1].exp()).sub(1f).sub(q[1]), 0.5f)
                    .sum(new int[] {1});
            float[] eps = new float[g * k * d];
            random.fillGaussian(eps, 1f);
            NDArray e = HostArrays.create(m, eps, new Shape((long) g * k, d));
            NDArray mean = q[0].repeat(0, k);
            NDArray logVariance = q[1].repeat(0, k);
            NDArray z = mean.add(Scalars.mul(logVariance, 0.5f).exp().mul(e));
            NDArray yk = y == null ? null : y.repeat(0, k);
            NDArray xk = x.repeat(0, k);
            NDArray logPx = vae.likelihood().nll(vae.decode(context::forward, z, yk), xk).neg();
            float[] logPxs = logPx.toFloatArray();
            float[] kls = kl.toFloatArray();
            double[] out = new double[g];
            if (!importanceWeighted) {
                for (int i = 0; i < g; i++) {
                    double sum = 0;
                    for (int j = 0; j < k; j++) {
                        sum += logPxs[i * k + j];
                    }
                    out[i] = -sum / k + kls[i];
                }
            } else {
                // log w = log p(x|z) + log p(z) - log q(z|x); the 2 pi terms cancel.
                float[] logPz = Scalars.mul(z.square().sum(new int[] {1}), -0.5f).toFloatArray();
                float[] logQz = Scalars.mul(e.square().add(logVariance).sum(new int[] {1}), -0.5f)
                        .toFloatArray();
                for (int i = 0; i < g; i++) {
                    double max = Double.NEGATIVE_INFINITY;
                    double[] w = new double[k];
                    for (int j = 0; j < k; j++) {
                        int a = i * k + j;
                        w[j] = (double) logPxs[a] + logPz[a] - logQz[a];
                        max = Math.max(max, w[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < k; j++) {
                        sum += Math.exp(w[j] - max);
                    }
                    out[i] = -(max + Math.log(sum) - Math.log(k));
                }
            }
            if (dequantise) {
                for (int i = 0; i < g; i++) {
                    out[i] = LikelihoodModel.discreteFromDensity(out[i], dimensions(),
                            GEN4J_BIN_WIDTH);
                }
            }
            return out;
        }
    }
}
