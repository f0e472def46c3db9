package org.gen4j.core.translate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Reads a patch critic's output {@code (N, 1 + K, h, w)}: the score of every patch as samples of
 * an adversarial loss, and the auxiliary logits averaged over the patches.
 */
public final class PatchScores {

    private PatchScores() {}

    /** Channel 0 as {@code (N * h * w, 1)} logits: each patch is a sample of the loss. */
    public static NDArray asSamples(NDArray scores) {
        Shape s = check(scores);
        NDArray patch = s.get(1) == 1 ? scores : scores.get(new NDIndex(":, 0:1"));
        return patch.reshape(-1, 1);
    }

    /**
     * The auxiliary logits: channels 1 to K averaged over the patches, {@code (N, K)}.
     *
     * @throws IllegalArgumentException if the critic has no auxiliary channels
     */
    public static NDArray auxiliary(NDArray scores) {
        Shape s = check(scores);
        if (s.get(1) < 2) {
            throw new IllegalArgumentException("the critic gives no auxiliary logits: its output"
                    + " " + s + " has the patch score only");
        }
        NDArray extra = scores.get(new NDIndex(":, 1:"));
        return extra.reshape(s.get(0), s.get(1) - 1, -1).mean(new int[] {2});
    }

    private static Shape check(NDArray scores) {
        Shape s = scores.getShape();
        if (s.dimension() != 4) {
            throw new IllegalArgumentException("a patch critic gives (N, 1 + K, h, w), got " + s);
        }
        return s;
    }
}
