package org.gen4j.core.data;

import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.gen4j.core.procedure.BatchField;
import org.gen4j.core.util.Options;

/**
 * Images in pairs, for image-to-image training (pix2pix, super-resolution): each sample's image
 * ({@link BatchField#IMAGES}) is the input, and its {@link BatchField#TARGETS} field the image it
 * should become. Input and target may differ in size and channels (a low-resolution input, a
 * grey edge map).
 *
 * <p>Two layouts ({@link #open}, data option {@code pairing}):
 *
 * <ul>
 *   <li>{@code folders}: sub-folders {@code A/} and {@code B/} whose images match by file name
 *       without its extension ({@code A/0001.png} with {@code B/0001.jpg}); a name without its
 *       partner is an error that names it;
 *   <li>{@code side-by-side}: one folder of images twice as wide as high or wider, A on the left
 *       half and B on the right (the layout of the pix2pix data sets).
 * </ul>
 *
 * <p>Option {@code direction}: {@code a-to-b} (default: A is the input) or {@code b-to-a}. The
 * image-folder options {@code channels}, {@code size} and {@code resize} apply to both sides
 * (for {@code side-by-side}, {@code size} is that of one half).
 */
public final class PairedImageSet implements SampleSet {

    /** The data option that selects a layout of paired or unpaired images. */
    public static final String PAIRING = "pairing";

    /** Layout: sub-folders {@code A/} and {@code B/} matched by name. */
    public static final String FOLDERS = "folders";

    /** Layout: each image holds A on its left half and B on its right. */
    public static final String SIDE_BY_SIDE = "side-by-side";

    private final SampleSet inputs;
    private final int[] inputIndex;
    private final SampleSet targets;
    private final int[] targetIndex;
    private final String description;

    /**
     * Pairs sample {@code inputIndex[i]} of {@code inputs} with {@code targetIndex[i]} of {@code
     * targets}.
     */
    public PairedImageSet(SampleSet inputs, int[] inputIndex, SampleSet targets,
            int[] targetIndex, String description) {
        this.inputs = Objects.requireNonNull(inputs, "inputs is null");
        this.targets = Objects.requireNonNull(targets, "targets is null");
        if (inputIndex.length != targetIndex.length || inputIndex.length == 0) {
            throw new IllegalArgumentException("pairs need as many inputs as targets, and at"
                    + " least one; got " + inputIndex.length + " and " + targetIndex.length);
        }
        for (int i = 0; i < inputIndex.length; i++) {
            Objects.checkIndex(inputIndex[i], inputs.size());
            Objects.checkIndex(targetIndex[i], targets.size());
        }
        this.inputIndex = inputIndex.clone();
        this.targetIndex = targetIndex.clone();
        this.description = Objects.requireNonNull(description, "description is null");
    }

    /**
     * Reads paired images in the layout of option {@code pairing} ({@code folders} or {@code
     * side-by-side}); does not check for unknown options, the caller does.
     *
     * @throws DataException when a folder is missing or a name has no partner
     */
    public static PairedImageSet open(Path root, String pairing, Options options) {
        boolean reverse = options.getChoice("direction", "a-to-b", Set.of("a-to-b", "b-to-a"))
                .equals("b-to-a");
        PairedImageSet set = switch (pairing) {
            case FOLDERS -> folders(root, options, reverse);
            case SIDE_BY_SIDE -> sideBySide(root, options, reverse);
            default -> throw new IllegalArgumentException("pairing must be " + FOLDERS + " or "
                    + SIDE_BY_SIDE + " for paired images, got '" + pairing + "'");
        };
        return set;
    }

    private static PairedImageSet folders(Path root, Options options, boolean reverse) {
        ImageFolderDataset a = ImageFolderDataset.fromOptions(side(root, "A"), options);
        ImageFolderDataset b = ImageFolderDataset.fromOptions(side(root, "B"), options);
        Map<String, Integer> bByName = byName(root, "B", b);
        byName(root, "A", a);
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            String name = stem(root.resolve("A"), a.file(i));
            Integer j = bByName.remove(name);
            if (j == null) {
                throw new DataException("paired images in '" + root + "': A/" + name
                        + " has no partner B/" + name + ".* (pairs match by file name without"
                        + " extension)");
            }
            pairs.add(new int[] {i, j});
        }
        if (!bByName.isEmpty()) {
            String name = bByName.keySet().iterator().next();
            throw new DataException("paired images in '" + root + "': B/" + name + " has no"
                    + " partner A/" + name + ".* (" + bByName.size() + " such in B/)");
        }
        int[] ai = pairs.stream().mapToInt(p -> p[0]).toArray();
        int[] bi = pairs.stream().mapToInt(p -> p[1]).toArray();
        String what = "paired images " + root + " (" + ai.length + " pairs, " + (reverse
                ? "B -> A" : "A -> B") + ")";
        return reverse ? new PairedImageSet(b, bi, a, ai, what)
                : new PairedImageSet(a, ai, b, bi, what);
    }

    private static PairedImageSet sideBySide(Path root, Options options, boolean reverse) {
        Options wide = options;
        String size = OptionValues.getString(options, "size", null);
        if (size != null) {
            String[] hw = size.toLowerCase(java.util.Locale.ROOT).split("x");
            String h = hw[0].trim();
            String w = hw.length > 1 ? hw[1].trim() : h;
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("size", h + "x" + (2 * parse(w, size)));
            for (String key : List.of("channels", "resize")) {
                if (options.has(key)) {
                    values.put(key, options.getString(key, null));
                }
            }
            wide = new Options(options.owner(), values);
        }
        ImageFolderDataset images = ImageFolderDataset.fromOptions(root, wide);
        if (images.width() % 2 != 0 || images.width() < 2) {
            throw new DataException("side-by-side pairs in '" + root + "' must be an even number"
                    + " of pixels wide (A on the left half, B on the right), got "
                    + images.height() + "x" + images.width() + " (HxW)");
        }
        SampleSet left = new HalfImages(images, false);
        SampleSet right = new HalfImages(images, true);
        int[] all = new int[images.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        String what = "side-by-side pairs " + root + " (" + all.length + " pairs, " + (reverse
                ? "right -> left" : "left -> right") + ")";
        return reverse ? new PairedImageSet(right, all, left, all, what)
                : new PairedImageSet(left, all, right, all, what);
    }

    private static int parse(String w, String size) {
        try {
            return Integer.parseInt(w);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option 'size' must be H or HxW in pixels, got '"
                    + size + "'");
        }
    }

    static Path side(Path root, String name) {
        Path dir = root.resolve(name);
        if (!Files.isDirectory(dir)) {
            throw new DataException("'" + root + "' must hold the sub-folders A/ and B/; " + name
                    + "/ is missing (found " + IdxDataset.listing(root) + ")");
        }
        return dir;
    }

    /** Each image's index by its name without extension; two files of one name are an error. */
    private static Map<String, Integer> byName(Path root, String side, ImageFolderDataset set) {
        Map<String, Integer> names = new LinkedHashMap<>();
        for (int i = 0; i < set.size(); i++) {
            String name = stem(root.resolve(side), set.file(i));
            Integer other = names.put(name, i);
            if (other != null) {
                throw new DataException("paired images in '" + root + "': " + side + "/ holds "
                        + set.file(other).getFileName() + " and " + set.file(i).getFileName()
                        + ", two images of the name " + name + "; pairs match by file name"
                        + " without extension, so keep one");
            }
        }
        return names;
    }

    private static String stem(Path dir, Path file) {
        String name = dir.relativize(file).toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    @Override
    public int size() {
        return inputIndex.length;
    }

    @Override
    public Shape sampleShape() {
        return inputs.sampleShape();
    }

    @Override
    public void copySample(int index, float[] dst, int offset) {
        inputs.copySample(inputIndex[index], dst, offset);
    }

    @Override
    public Map<BatchField, Shape> fieldShapes() {
        return Map.of(BatchField.TARGETS, targets.sampleShape());
    }

    @Override
    public void copyField(BatchField field, int index, int epoch, float[] dst, int offset) {
        if (!field.equals(BatchField.TARGETS)) {
            SampleSet.super.copyField(field, index, epoch, dst, offset);
        }
        targets.copySample(targetIndex[index], dst, offset);
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

    /** The left or right half of each image of a set. */
    private record HalfImages(ImageFolderDataset wide, boolean right) implements SampleSet {
        @Override
        public int size() {
            return wide.size();
        }

        @Override
        public Shape sampleShape() {
            return new Shape(wide.channels(), wide.height(), wide.width() / 2);
        }

        @Override
        public void copySample(int index, float[] dst, int offset) {
            int c = wide.channels();
            int h = wide.height();
            int w = wide.width();
            float[] all = new float[c * h * w];
            wide.copySample(index, all, 0);
            int half = w / 2;
            for (int row = 0; row < c * h; row++) {
                System.arraycopy(all, row * w + (right ? half : 0), dst, offset + row * half,
                        half);
            }
        }

        @Override
        public boolean hasLabels() {
            return false;
        }

        @Override
        public int label(int index) {
            throw new IllegalStateException("no labels");
        }

        @Override
        public int numClasses() {
            return 0;
        }

        @Override
        public String description() {
            return wide.description() + (right ? ", right halves" : ", left halves");
        }
    }
}
