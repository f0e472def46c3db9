package org.gen4j.core.data;

import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.gen4j.core.procedure.BatchField;
import org.gen4j.core.random.RandomStream;

/**
 * A grayscale set binarised, as likelihood models of binary images are trained and scored: each
 * value {@code x} in [-1, 1] becomes 1 with probability {@code (x + 1) / 2} and -1 otherwise.
 *
 * <p>{@value #DYNAMIC}: the training loader draws anew every epoch (Salakhutdinov and Murray's
 * dynamic binarisation), from a stream derived from the seed, the epoch and the sample, so a
 * resumed run sees exactly the binarisation a straight run saw. {@value #FIXED}: one draw per
 * sample, the same in every epoch and for every reader (a fixed binarised test split). Outside
 * the training loader (evaluation, pictures) a dynamic set reads as the fixed one.
 *
 * <p>The dynamic draws follow the run's seed; the fixed ones follow their own seed ({@value
 * #SEED_OPTION}, default 0), so that runs of different seeds are scored on the same binarised
 * test split.
 */
public final class BinarizedSampleSet implements SampleSet {

    /** The data option that asks for it. */
    public static final String OPTION = "binarize";
    /** Drawn anew every epoch. */
    public static final String DYNAMIC = "dynamic";
    /** Drawn once. */
    public static final String FIXED = "fixed";
    /** Not binarised. */
    public static final String NONE = "none";
    /** The option's values. */
    public static final Set<String> MODES = Set.of(DYNAMIC, FIXED, NONE);
    /** The data option that seeds the fixed draws. */
    public static final String SEED_OPTION = "binarize-seed";

    private final SampleSet base;
    private final boolean dynamic;
    private final long seed;
    private final long fixedSeed;

    /**
     * Binarises {@code base}.
     *
     * @param mode {@value #DYNAMIC} or {@value #FIXED}
     * @param seed the seed of the dynamic draws (the run's)
     * @param fixedSeed the seed of the fixed draws
     * @throws IllegalArgumentException if the set is not grayscale
     */
    public BinarizedSampleSet(SampleSet base, String mode, long seed, long fixedSeed) {
        this.base = Objects.requireNonNull(base, "base is null");
        if (!mode.equals(DYNAMIC) && !mode.equals(FIXED)) {
            throw new IllegalArgumentException("binarize must be dynamic or fixed here, got '"
                    + mode + "'");
        }
        Shape s = base.sampleShape();
        if (s.dimension() != 3 || s.get(0) != 1) {
            throw new IllegalArgumentException("data " + base.description() + ": binarize works"
                    + " on grayscale images (1, H, W), but its samples are " + s);
        }
        this.dynamic = mode.equals(DYNAMIC);
        this.seed = seed;
        this.fixedSeed = fixedSeed;
    }

    /** Whether every epoch draws anew. */
    public boolean isDynamic() {
        return dynamic;
    }

    @Override
    public int size() {
        return base.size();
    }

    @Override
    public Shape sampleShape() {
        return base.sampleShape();
    }

    @Override
    public void copySample(int index, float[] dst, int offset) {
        draw(index, RandomStream.derive(fixedSeed, "binarize-fixed/" + index), dst, offset);
    }

    @Override
    public void copySample(int index, int epoch, float[] dst, int offset) {
        if (!dynamic) {
            copySample(index, dst, offset);
            return;
        }
        draw(index, RandomStream.derive(seed, "binarize/" + epoch + "/" + index), dst, offset);
    }

    private void draw(int index, RandomStream random, float[] dst, int offset) {
        base.copySample(index, dst, offset);
        int n = Math.toIntExact(base.sampleShape().size());
        for (int i = offset; i < offset + n; i++) {
            dst[i] = random.nextFloat() < (dst[i] + 1) * 0.5f ? 1f : -1f;
        }
    }

    @Override
    public Map<BatchField, Shape> fieldShapes() {
        return base.fieldShapes();
    }

    @Override
    public void copyField(BatchField field, int index, int epoch, float[] dst, int offset) {
        base.copyField(field, index, epoch, dst, offset);
    }

    @Override
    public boolean hasLabels() {
        return base.hasLabels();
    }

    @Override
    public int label(int index) {
        return base.label(index);
    }

    @Override
    public int numClasses() {
        return base.numClasses();
    }

    @Override
    public String description() {
        return base.description() + ", binarised (" + (dynamic ? DYNAMIC : FIXED) + ")";
    }
}
