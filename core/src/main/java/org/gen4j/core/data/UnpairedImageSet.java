package org.gen4j.core.data;

import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.gen4j.core.procedure.BatchField;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.util.Options;

/**
 * Two image sets without pairs, for unpaired translation (CycleGAN): each sample's image
 * ({@link BatchField#IMAGES}) comes from domain A and its {@link BatchField#UNPAIRED} field from
 * domain B, drawn independently.
 *
 * <p>An epoch has {@code max(|A|, |B|)} samples: sample {@code i} is A's image {@code i mod |A|},
 * and B's image at position {@code i mod |B|} of a permutation of B drawn anew for every epoch
 * from the seed, so that the pairs change from epoch to epoch and a resumed run sees the pairs a
 * straight run saw. Both domains must have the same image shape.
 */
public final class UnpairedImageSet implements SampleSet {

    /** The data option value of {@link PairedImageSet#PAIRING} that selects unpaired folders. */
    public static final String UNPAIRED = "unpaired";

    private final SampleSet a;
    private final SampleSet b;
    private final long seed;
    private final String description;
    private int permutationEpoch = -1;
    private int[] permutation;

    /**
     * Domains {@code a} and {@code b}, the pairs of each epoch drawn from {@code seed}.
     *
     * @throws IllegalArgumentException if their image shapes differ
     */
    public UnpairedImageSet(SampleSet a, SampleSet b, long seed, String description) {
        this.a = Objects.requireNonNull(a, "a is null");
        this.b = Objects.requireNonNull(b, "b is null");
        if (!a.sampleShape().equals(b.sampleShape())) {
            throw new DataException(description + ": the two domains must have one image shape,"
                    + " got " + a.sampleShape() + " (A) and " + b.sampleShape() + " (B); pass"
                    + " size=HxW and resize=true to scale them");
        }
        this.seed = seed;
        this.description = Objects.requireNonNull(description, "description is null");
    }

    /**
     * Reads the sub-folders {@code A/} and {@code B/} of {@code root} with the image-folder
     * options ({@code channels}, {@code size}, {@code resize}); option {@code direction} ({@code
     * b-to-a}) swaps them. Does not check for unknown options.
     */
    public static UnpairedImageSet open(Path root, Options options, long seed) {
        boolean reverse = options.getChoice("direction", "a-to-b",
                java.util.Set.of("a-to-b", "b-to-a")).equals("b-to-a");
        ImageFolderDataset a = ImageFolderDataset.fromOptions(PairedImageSet.side(root, "A"),
                options);
        ImageFolderDataset b = ImageFolderDataset.fromOptions(PairedImageSet.side(root, "B"),
                options);
        String what = "unpaired images " + root + " (" + a.size() + " in A, " + b.size()
                + " in B" + (reverse ? ", B -> A" : "") + ")";
        return reverse ? new UnpairedImageSet(b, a, seed, what)
                : new UnpairedImageSet(a, b, seed, what);
    }

    @Override
    public int size() {
        return Math.max(a.size(), b.size());
    }

    @Override
    public Shape sampleShape() {
        return a.sampleShape();
    }

    @Override
    public void copySample(int index, float[] dst, int offset) {
        Objects.checkIndex(index, size());
        a.copySample(index % a.size(), dst, offset);
    }

    @Override
    public Map<BatchField, Shape> fieldShapes() {
        return Map.of(BatchField.UNPAIRED, b.sampleShape());
    }

    @Override
    public void copyField(BatchField field, int index, int epoch, float[] dst, int offset) {
        if (!field.equals(BatchField.UNPAIRED)) {
            SampleSet.super.copyField(field, index, epoch, dst, offset);
        }
        Objects.checkIndex(index, size());
        b.copySample(permutation(epoch)[index % b.size()], dst, offset);
    }

    /** B's order in an epoch; the loader reads one epoch at a time, so one is kept. */
    private synchronized int[] permutation(int epoch) {
        if (epoch != permutationEpoch) {
            int[] p = new int[b.size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = i;
            }
            RandomStream.derive(seed, "unpaired/" + epoch).shuffle(p);
            permutation = p;
            permutationEpoch = epoch;
        }
        return permutation;
    }

    @Override
    public boolean hasLabels() {
        return false;
    }

    @Override
    public int label(int index) {
        throw new IllegalStateException(description + " has no labels");
    }

    @Override
    public int numClasses() {
        return 0;
    }

    @Override
    public String description() {
        return description;
    }
}
