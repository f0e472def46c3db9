package org.gen4j.core.procedure;

import ai.djl.ndarray.NDArray;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One training batch as arrays in the step's manager: the samples and whatever else the data
 * carries (class labels, and the fields applications add).
 */
public final class StepBatch {

    private final Map<BatchField, NDArray> fields;
    private final String source;

    /**
     * A batch.
     *
     * @param fields the arrays by field; must hold {@link BatchField#IMAGES}
     * @param source the data set, for messages
     */
    public StepBatch(Map<BatchField, NDArray> fields, String source) {
        this.fields = Collections.unmodifiableMap(Objects.requireNonNull(fields, "fields"));
        this.source = Objects.requireNonNull(source, "source");
        if (!fields.containsKey(BatchField.IMAGES)) {
            throw new IllegalArgumentException("a batch needs the field images");
        }
    }

    /** The samples, {@code (N, sampleShape...)}. */
    public NDArray images() {
        return fields.get(BatchField.IMAGES);
    }

    /**
     * The class labels, {@code (N)} int32.
     *
     * @throws IllegalStateException if the data has none (a procedure that needs labels declares
     *     {@link BatchField#LABELS} in {@link TrainingProcedure#requiredFields()}, which refuses
     *     such data before training)
     */
    public NDArray labels() {
        return get(BatchField.LABELS);
    }

    /** The array of a field. */
    public NDArray get(BatchField field) {
        NDArray a = fields.get(field);
        if (a == null) {
            throw new IllegalStateException("the batch from " + source + " has no "
                    + field.description() + " (fields: " + fields.keySet() + ")");
        }
        return a;
    }

    /** Whether the batch carries a field. */
    public boolean has(BatchField field) {
        return fields.containsKey(field);
    }

    /** The fields the batch carries. */
    public Set<BatchField> fields() {
        return fields.keySet();
    }

    /** The number of samples. */
    public int size() {
        return Math.toIntExact(images().getShape().get(0));
    }
}
