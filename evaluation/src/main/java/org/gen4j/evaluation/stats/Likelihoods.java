package org.gen4j.evaluation.stats;

import java.util.Objects;
import org.gen4j.core.data.SampleSet;
import org.gen4j.core.model.LikelihoodModel;

/**
 * Runs a {@link LikelihoodModel} over held-out data in batches and summarises the per-sample
 * negative log-likelihoods (in nats of the discrete data, see the model contract).
 */
public final class Likelihoods {

    private Likelihoods() {}

    /**
     * The summary of per-sample NLLs.
     *
     * @param count the number of samples
     * @param dimensions the values per sample ({@code D})
     * @param meanNats the mean NLL in nats per sample
     * @param stdErrorNats the standard error of that mean (sample standard deviation over
     *     {@code sqrt(count)}; 0 for one sample)
     */
    public record Summary(int count, long dimensions, double meanNats, double stdErrorNats) {

        /** The mean in bits per dimension: {@code meanNats / (D ln 2)}. */
        public double bitsPerDim() {
            return meanNats / (dimensions * Math.log(2));
        }

        /** The standard error in bits per dimension. */
        public double bitsPerDimStdError() {
            return stdErrorNats / (dimensions * Math.log(2));
        }
    }

    /**
     * Evaluates the model on every sample of {@code data}.
     *
     * @param model the model
     * @param data held-out samples of the model's sample shape
     * @param batchSize samples per call of the model, &gt;= 1
     * @throws IllegalArgumentException if the shapes differ
     * @throws IllegalStateException if the model returns the wrong count or a non-finite value
     */
    public static Summary evaluate(LikelihoodModel model, SampleSet data, int batchSize) {
        Objects.requireNonNull(model, "likelihood model is null");
        Objects.requireNonNull(data, "held-out data is null");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch-size must be >= 1, got " + batchSize);
        }
        if (!data.sampleShape().equals(model.sampleShape())) {
            throw new IllegalArgumentException("held-out data (" + data.description()
                    + ") has samples of shape " + data.sampleShape() + " but likelihood model '"
                    + model.id() + "' expects " + model.sampleShape());
        }
        int n = data.size();
        if (n == 0) {
            throw new IllegalArgumentException("held-out data (" + data.description()
                    + ") is empty (0 samples); at least 1 sample is needed");
        }
        if (model.conditional() && !data.hasLabels()) {
            throw new IllegalArgumentException("likelihood model '" + model.id() + "' is"
                    + " conditional on class labels, but the held-out data ("
                    + data.description() + ") has none");
        }
        long dims = model.dimensions();
        int per = Math.toIntExact(dims);
        float[] batch = new float[Math.toIntExact((long) Math.min(batchSize, n) * per)];
        double sum = 0;
        double sumSq = 0;
        double shift = Double.NaN;
        for (int start = 0; start < n; start += batchSize) {
            int b = Math.min(batchSize, n - start);
            float[] buffer = b * per == batch.length ? batch : new float[b * per];
            int[] labels = model.conditional() ? new int[b] : null;
            for (int i = 0; i < b; i++) {
                data.copySample(start + i, buffer, i * per);
                if (labels != null) {
                    labels[i] = data.label(start + i);
                }
            }
            double[] nll = labels == null ? model.negativeLogLikelihood(buffer, b)
                    : model.negativeLogLikelihood(buffer, labels, b);
            if (nll == null || nll.length != b) {
                throw new IllegalStateException("likelihood model '" + model.id() + "' returned "
                        + (nll == null ? "null" : nll.length + " values") + " for a batch of " + b
                        + " samples; one value per sample is expected");
            }
            for (int i = 0; i < b; i++) {
                if (!Double.isFinite(nll[i])) {
                    throw new IllegalStateException("likelihood model '" + model.id()
                            + "' returned the NLL " + nll[i] + " for held-out sample "
                            + (start + i) + "; NLLs must be finite");
                }
                // Shifted sums keep the variance accurate when the NLLs are large and close.
                if (Double.isNaN(shift)) {
                    shift = nll[i];
                }
                double v = nll[i] - shift;
                sum += v;
                sumSq += v * v;
            }
        }
        double mean = sum / n;
        double variance = n > 1 ? Math.max(0, (sumSq - n * mean * mean) / (n - 1)) : 0;
        return new Summary(n, dims, shift + mean, Math.sqrt(variance / n));
    }
}
