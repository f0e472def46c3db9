package org.gen4j.core.data;

import ai.djl.ndarray.types.Shape;
import java.util.Map;
import org.gen4j.core.procedure.BatchField;

/**
 * A finite, in-memory set of samples (images or points), each with an optional class label.
 *
 * <p>Values handed out by {@link #copySample} are floats scaled to [-1, 1] for images (pixel / 127.5
 * - 1), and raw coordinates for point data.
 */
public interface SampleSet {

    /** The number of samples. */
    int size();

    /** The shape of one sample: {@code (C, H, W)} for images, {@code (D)} for points. */
    Shape sampleShape();

    /** Copies sample {@code index} into {@code dst} starting at {@code offset}. */
    void copySample(int index, float[] dst, int offset);

    /**
     * Copies sample {@code index} as the training loader serves it in {@code epoch}: the same as
     * {@link #copySample(int, float[], int)} unless the set draws something anew every epoch (a
     * dynamic binarisation). Must be a pure function of its arguments, so that a resumed run
     * sees what a straight run saw.
     */
    default void copySample(int index, int epoch, float[] dst, int offset) {
        copySample(index, dst, offset);
    }

    /** Whether the samples carry class labels. */
    boolean hasLabels();

    /** The class label of a sample; only when {@link #hasLabels()}. */
    int label(int index);

    /** The number of classes; 0 when there are no labels. */
    int numClasses();

    /** A short human description, for logs and reports (for example the source path). */
    String description();

    /**
     * The fields each sample carries beyond its image and label, with the shape of one value
     * ({@link BatchField#TARGETS}: the paired target image of an image-to-image set; a second
     * domain's image): none by default. Every batch carries each of them.
     */
    default Map<BatchField, Shape> fieldShapes() {
        return Map.of();
    }

    /**
     * Copies the value of an extra field of sample {@code index} as the loader serves it in
     * {@code epoch}; a pure function of its arguments, as {@link #copySample(int, int, float[],
     * int)}.
     *
     * @throws IllegalArgumentException if the set has no such field
     */
    default void copyField(BatchField field, int index, int epoch, float[] dst, int offset) {
        throw new IllegalArgumentException(description() + " has no field " + field
                + "; it has " + fieldShapes().keySet());
    }
}
