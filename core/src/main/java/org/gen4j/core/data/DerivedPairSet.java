package org.gen4j.core.data;

import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.Objects;
import org.gen4j.core.procedure.BatchField;

/**
 * Image pairs derived from one set: each sample's input ({@link BatchField#IMAGES}) is a function
 * of its image (an edge map, a downsampled copy), and its {@link BatchField#TARGETS} field the
 * image itself; labels are the base set's. The applications derive their demonstration data
 * from Fashion-MNIST this way, so that it needs no files.
 */
public final class DerivedPairSet implements SampleSet {

    /** Computes an input from a target image. */
    @FunctionalInterface
    public interface Derivation {
        /**
         * Writes the input derived from {@code image} ({@code (C, H, W)} in [-1, 1]) into {@code
         * dst} at {@code offset}.
         */
        void derive(float[] image, float[] dst, int offset);
    }

    private final SampleSet base;
    private final Derivation derivation;
    private final Shape inputShape;
    private final String description;

    /**
     * Pairs each image of {@code base} with the input {@code derivation} computes from it.
     *
     * @param inputShape the shape of one derived input
     */
    public DerivedPairSet(SampleSet base, Derivation derivation, Shape inputShape,
            String description) {
        this.base = Objects.requireNonNull(base, "base is null");
        this.derivation = Objects.requireNonNull(derivation, "derivation is null");
        this.inputShape = Objects.requireNonNull(inputShape, "inputShape is null");
        this.description = Objects.requireNonNull(description, "description is null");
    }

    @Override
    public int size() {
        return base.size();
    }

    @Override
    public Shape sampleShape() {
        return inputShape;
    }

    @Override
    public void copySample(int index, float[] dst, int offset) {
        float[] image = new float[Math.toIntExact(base.sampleShape().size())];
        base.copySample(index, image, 0);
        derivation.derive(image, dst, offset);
    }

    @Override
    public Map<BatchField, Shape> fieldShapes() {
        return Map.of(BatchField.TARGETS, base.sampleShape());
    }

    @Override
    public void copyField(BatchField field, int index, int epoch, float[] dst, int offset) {
        if (!field.equals(BatchField.TARGETS)) {
            SampleSet.super.copyField(field, index, epoch, dst, offset);
        }
        base.copySample(index, dst, offset);
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
        return description;
    }
}
