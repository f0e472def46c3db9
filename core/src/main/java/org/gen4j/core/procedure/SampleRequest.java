package org.gen4j.core.procedure;

import java.util.Objects;
import org.gen4j.core.random.RandomStream;

/**
 * What to sample: how many, from which random stream, and, for a conditional procedure, the
 * class of each sample.
 *
 * @param count the number of samples, &gt;= 1
 * @param random the stream the procedure draws its latent noise (or pixels) from; drawing {@code
 *     count} samples in chunks from one stream gives the same samples as drawing them at once
 * @param labels the class of each sample ({@code count} values in [0, classes)), or null to let a
 *     conditional procedure draw classes itself
 * @param progress told of the progress of a procedure that samples in many sequential steps
 */
public record SampleRequest(int count, RandomStream random, int[] labels,
        SampleProgress progress) {

    /** Validates. */
    public SampleRequest {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
        Objects.requireNonNull(random, "random is null");
        if (labels != null && labels.length != count) {
            throw new IllegalArgumentException("labels has " + labels.length + " values for "
                    + count + " samples");
        }
        Objects.requireNonNull(progress, "progress is null");
    }

    /** A request whose progress nobody follows. */
    public SampleRequest(int count, RandomStream random, int[] labels) {
        this(count, random, labels, SampleProgress.NONE);
    }

    /** Unconditional samples. */
    public static SampleRequest of(int count, RandomStream random) {
        return new SampleRequest(count, random, null);
    }
}
