package org.gen4j.models.autoregressive.procedure;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.gen4j.core.model.LikelihoodModel;
import org.gen4j.core.procedure.SampleContext;
import org.gen4j.core.engine.HostArrays;

/**
 * The exact NLL of an autoregressive model: one forward pass gives every value's conditional
 * distribution, and their negative log-probabilities add up to {@code -ln P(x)} in nats of the
 * discrete data (binary values for a Bernoulli output on binarised data, 8-bit levels for the
 * softmax).
 */
final class ExactLikelihood implements LikelihoodModel {

    private final Autoregressive model;
    private final SampleContext context;
    private final int chunk;

    ExactLikelihood(Autoregressive model, SampleContext context, int chunk) {
        this.model = model;
        this.context = context;
        this.chunk = chunk;
    }

    @Override
    public String id() {
        return model.architecture() + "-" + model.output().name();
    }

    @Override
    public Shape sampleShape() {
        return model.data().sampleShape();
    }

    @Override
    public boolean exact() {
        return true;
    }

    @Override
    public boolean conditional() {
        return model.numClasses() > 0;
    }

    @Override
    public double[] negativeLogLikelihood(float[] batch, int n) {
        return negativeLogLikelihood(batch, null, n);
    }

    @Override
    public double[] negativeLogLikelihood(float[] batch, int[] labels, int n) {
        int per = checkBatch(batch, labels, n);
        double[] out = new double[n];
        for (int start = 0; start < n; start += chunk) {
            int g = Math.min(chunk, n - start);
            try (NDManager m = context.manager().newSubManager()) {
                NDArray x = HostArrays.create(m,
                        Arrays.copyOfRange(batch, start * per, (start + g) * per),
                        new Shape(g).addAll(sampleShape()));
                NDArray y = labels == null || !conditional() ? null
                        : HostArrays.create(m, Arrays.copyOfRange(labels, start, start + g));
                NDArray logits = context.forward(Autoregressive.MODEL, model.inputs(x, y))
                        .singletonOrThrow();
                float[] nll = model.output().nll(logits, x).toFloatArray();
                for (int i = 0; i < g; i++) {
                    out[start + i] = nll[i];
                }
            }
        }
        return out;
    }
}
