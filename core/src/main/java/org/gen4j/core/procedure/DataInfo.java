package org.gen4j.core.procedure;

import ai.djl.ndarray.types.Shape;
import java.util.Objects;
import java.util.Set;

/**
 * What a procedure knows of its data when it is built: enough to shape its networks, and to
 * refuse data that lacks what it needs. A checkpoint stores it, so that a model can be rebuilt
 * for sampling without the data.
 *
 * @param sampleShape the shape of one sample: {@code (C, H, W)} for images, {@code (D)} for points
 * @param numClasses the number of classes when the data has labels, else 0
 * @param fields the fields its batches carry (always {@link BatchField#IMAGES})
 * @param description the data set, for messages
 */
public record DataInfo(Shape sampleShape, int numClasses, Set<BatchField> fields,
        String description) {

    /** Validates. */
    public DataInfo {
        Objects.requireNonNull(sampleShape, "sampleShape is null");
        fields = Set.copyOf(fields);
        Objects.requireNonNull(description, "description is null");
        if (numClasses < 0) {
            throw new IllegalArgumentException("numClasses must be >= 0, got " + numClasses);
        }
        if (fields.contains(BatchField.LABELS) != (numClasses > 0)) {
            throw new IllegalArgumentException("data with labels needs numClasses > 0, and data"
                    + " without none; got " + numClasses + " classes and fields " + fields);
        }
    }

    /** Data of a shape without labels. */
    public static DataInfo unlabelled(Shape sampleShape, String description) {
        return new DataInfo(sampleShape, 0, Set.of(BatchField.IMAGES), description);
    }

    /** Data of a shape with class labels. */
    public static DataInfo labelled(Shape sampleShape, int numClasses, String description) {
        return new DataInfo(sampleShape, numClasses, Set.of(BatchField.IMAGES, BatchField.LABELS),
                description);
    }

    /** Whether the data's samples are images {@code (C, H, W)}. */
    public boolean isImage() {
        return sampleShape.dimension() == 3;
    }
}
