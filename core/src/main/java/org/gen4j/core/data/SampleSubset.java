package org.gen4j.core.data;

import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.Objects;
import org.gen4j.core.procedure.BatchField;
import org.gen4j.core.random.RandomStream;

/**
 * Some samples of a set, by index: a view, nothing copied. {@link #split} divides a set into a
 * training and a held-out part by a seeded permutation, for data that comes without a test split
 * (an image folder).
 */
public final class SampleSubset implements SampleSet {

    private final SampleSet base;
    private final int[] indexes;
    private final String description;

    /**
     * A view of {@code base} at {@code indexes}.
     *
     * @throws IndexOutOfBoundsException if an index is outside the base set
     */
    public SampleSubset(SampleSet base, int[] indexes, String description) {
        this.base = Objects.requireNonNull(base, "base is null");
        this.indexes = indexes.clone();
        this.description = Objects.requireNonNull(description, "description is null");
        for (int i : this.indexes) {
            Objects.checkIndex(i, base.size());
        }
    }

    /**
     * The two parts of a set: a seeded permutation, its last {@code round(fraction * size)}
     * samples (at least 1) held out, the rest for training.
     *
     * @param set the set to divide
     * @param heldOutFraction in (0, 1)
     * @param seed the permutation's seed
     * @return {@code [training, heldOut]}
     * @throws IllegalArgumentException if the fraction is outside (0, 1) or the set has fewer than
     *     2 samples
     */
    public static SampleSubset[] split(SampleSet set, double heldOutFraction, long seed) {
        if (!(heldOutFraction > 0 && heldOutFraction < 1)) {
            throw new IllegalArgumentException("the held-out fraction must be in (0, 1), got "
                    + heldOutFraction);
        }
        int n = set.size();
        if (n < 2) {
            throw new IllegalArgumentException(set.description() + " holds " + n + " sample"
                    + (n == 1 ? "" : "s") + "; a split needs at least 2");
        }
        int held = (int) Math.max(1, Math.min(n - 1, Math.round(heldOutFraction * n)));
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        RandomStream random = new RandomStream(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] train = java.util.Arrays.copyOfRange(order, 0, n - held);
        int[] test = java.util.Arrays.copyOfRange(order, n - held, n);
        java.util.Arrays.sort(train);
        java.util.Arrays.sort(test);
        return new SampleSubset[] {
            new SampleSubset(set, train, set.description() + " (" + train.length
                    + " for training, seed " + seed + ")"),
            new SampleSubset(set, test, set.description() + " (" + test.length
                    + " held out, seed " + seed + ")")};
    }

    @Override
    public int size() {
        return indexes.length;
    }

    @Override
    public Shape sampleShape() {
        return base.sampleShape();
    }

    @Override
    public void copySample(int index, float[] dst, int offset) {
        base.copySample(indexes[index], dst, offset);
    }

    @Override
    public void copySample(int index, int epoch, float[] dst, int offset) {
        base.copySample(indexes[index], epoch, dst, offset);
    }

    @Override
    public Map<BatchField, Shape> fieldShapes() {
        return base.fieldShapes();
    }

    @Override
    public void copyField(BatchField field, int index, int epoch, float[] dst, int offset) {
        base.copyField(field, indexes[index], epoch, dst, offset);
    }

    @Override
    public boolean hasLabels() {
        return base.hasLabels();
    }

    @Override
    public int label(int index) {
        return base.label(indexes[index]);
    }

    @Override
    public int numClasses() {
        return base.numClasses();
    }

    @Override
    public String description() {
        return description;
    }
}
