package org.gen4j.core.procedure;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A kind of value a training batch can carry. The core's data sets give {@link #IMAGES} (every
 * sample, images or points) and {@link #LABELS} (class labels, where the data has them);
 * applications declare what their data adds ({@link #TARGETS} for paired images, {@link #MASKS},
 * {@link #DOMAINS}), or a field of their own with {@link #of}.
 *
 * <p>A procedure names the fields it needs ({@link TrainingProcedure#requiredFields()}); a run on
 * data that lacks one is refused before the first step, naming the data set and the field.
 *
 * @param name the field's name, lower-kebab-case
 * @param description what it holds, for messages ("class labels")
 */
public record BatchField(String name, String description) {

    private static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** The samples: images {@code (N, C, H, W)} in [-1, 1], or points {@code (N, D)}. */
    public static final BatchField IMAGES = new BatchField("images", "samples");
    /** One class label per sample, {@code (N)} int32, in [0, classes). */
    public static final BatchField LABELS = new BatchField("labels", "class labels");
    /** A paired target image per sample (pix2pix, super-resolution). */
    public static final BatchField TARGETS = new BatchField("targets", "paired target images");
    /**
     * An image of the second domain per sample, drawn independently of the first (CycleGAN's
     * unpaired training).
     */
    public static final BatchField UNPAIRED = new BatchField("unpaired",
            "unpaired images of the second domain");

    /** A mask per sample (inpainting). */
    public static final BatchField MASKS = new BatchField("masks", "masks");
    /** A domain label per sample (StarGAN, CycleGAN). */
    public static final BatchField DOMAINS = new BatchField("domains", "domain labels");

    /** Validates. */
    public BatchField {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(description, "description is null");
        if (!KEBAB.matcher(name).matches()) {
            throw new IllegalArgumentException("batch field name must be lower-kebab-case, got '"
                    + name + "'");
        }
    }

    /**
     * The field of a name, as a checkpoint stores it: one of the constants here, or a field of
     * an application's own (described by its name).
     */
    public static BatchField named(String name) {
        for (BatchField f : List.of(IMAGES, LABELS, TARGETS, UNPAIRED, MASKS, DOMAINS)) {
            if (f.name.equals(name)) {
                return f;
            }
        }
        return new BatchField(name, name);
    }

    /** A field of an application's own. */
    public static BatchField of(String name, String description) {
        return new BatchField(name, description);
    }

    @Override
    public String toString() {
        return name;
    }
}
