package org.gen4j.core.procedure;

import ai.djl.ndarray.types.Shape;
import java.util.Map;
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
 * @param fieldShapes the shape of one value of each extra field (a paired target image), for the
 *     fields beyond images and labels; each is in {@code fields}
 */
public record DataInfo(Shape sampleShape, int numClasses, Set<BatchField> fields,
        String description, Map<BatchField, Shape> fieldShapes) {

    /** Validates. */
    public DataInfo {
        Objects.requireNonNull(sampleShape, "sampleShape is null");
        fields = Set.copyOf(fields);
        Objects.requireNonNull(description, "description is null");
        fieldShapes = Map.copyOf(fieldShapes);
        if (!fields.containsAll(fieldShapes.keySet())) {
            throw new IllegalArgumentException("the extra fields " + fieldShapes.keySet()
                    + " must be among the fields " + fields);
        }
        if (numClasses < 0) {
            throw new IllegalArgumentException("numClasses must be >= 0, got " + numClasses);
        }
        if (fields.contains(BatchField.LABELS) != (numClasses > 0)) {
            throw new IllegalArgumentException("data with labels needs numClasses > 0, and data"
                    + " without none; got " + numClasses + " classes and fields " + fields);
        }
    }

    /** Data without extra fields. */
    public DataInfo(Shape sampleShape, int numClasses, Set<BatchField> fields,
            String description) {
        this(sampleShape, numClasses, fields, description, Map.of());
    }

    /**
     * The shape of one value of a field: the samples' for {@link BatchField#IMAGES}.
     *
     * @throws IllegalArgumentException if the data has no such image-like field
     */
    public Shape shapeOf(BatchField field) {
        if (field.equals(BatchField.IMAGES)) {
            return sampleShape;
        }
        Shape shape = fieldShapes.get(field);
        if (shape == null) {
            throw new IllegalArgumentException("the data " + description + " has no "
                    + field.description() + " (field " + field + "); its fields are " + fields);
        }
        return shape;
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
