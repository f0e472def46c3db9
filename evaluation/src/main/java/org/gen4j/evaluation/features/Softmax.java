package org.gen4j.evaluation.features;

/** Softmax in double precision on the host, so that probabilities sum to 1 to within 1e-12. */
final class Softmax {

    private Softmax() {}

    /**
     * The probabilities of one row of logits.
     *
     * @param logits rows of {@code k} logits
     * @param offset where the row starts
     * @param k the number of classes
     */
    static double[] probabilities(float[] logits, int offset, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            max = Math.max(max, logits[offset + j]);
        }
        double[] p = new double[k];
        double sum = 0;
        for (int j = 0; j < k; j++) {
            p[j] = Math.exp(logits[offset + j] - max);
            sum += p[j];
        }
        for (int j = 0; j < k; j++) {
            p[j] /= sum;
        }
        return p;
    }
}
