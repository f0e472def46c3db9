package org.gen4j.core.data;

import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gen4j.core.util.Options;

/**
 * A folder of PNG or JPEG images, loaded into memory as unsigned bytes, {@code (C, H, W)} per
 * image.
 *
 * <p>Layout: either all images directly in the root folder (no labels), or one sub-folder per class
 * (labels are the indices of the sorted sub-folder names, 0..k-1). Mixing images and class folders
 * in the root is an error. Files other than {@code .png}, {@code .jpg} and {@code .jpeg} and hidden
 * entries (names starting with a dot) are ignored; images are ordered by class, then by path.
 *
 * <p>Channels: 1 (grey) or 3 (RGB), by default those of the first image. Grey images become RGB by
 * repeating the value; colour images become grey by luminance {@code 0.299 R + 0.587 G + 0.114 B}
 * (ITU-R BT.601, as PIL's {@code convert("L")}). Alpha is dropped. Size: every image must have the
 * expected size (by default that of the first image) unless {@code resize} is on; then images are
 * scaled to the target size with bilinear interpolation, halving the size step by step when
 * shrinking by more than two so that every source pixel contributes (close to area averaging).
 *
 * <p>{@link #copySample} serves floats {@code pixel / 127.5 - 1} in [-1, 1].
 */
public final class ImageFolderDataset implements SampleSet {

    /** The file extensions read as images (lower case, without the dot). */
    public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg");

    private static final Pattern SIZE = Pattern.compile("\\s*(\\d+)\\s*(?:[xX]\\s*(\\d+)\\s*)?");

    private final Path root;
    private final List<Path> files;
    private final List<String> classNames;
    private final int[] labels;
    private final int channels;
    private final int height;
    private final int width;
    private final byte[] pixels;

    private ImageFolderDataset(Path root, List<Path> files, List<String> classNames,
            int[] labels, int channels, int height, int width, byte[] pixels) {
        this.root = root;
        this.files = files;
        this.classNames = classNames;
        this.labels = labels;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.pixels = pixels;
    }

    /** A builder; {@link Builder#setRoot} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Loads a folder with options {@code channels} (1 or 3; default from the first image), {@code
     * size} ({@code "H"} or {@code "HxW"}; default from the first image) and {@code resize}
     * (default false). Does not check for unknown options; the caller does.
     *
     * @param root the folder
     * @param options the options to read
     * @throws DataException when the folder or an image is missing, unreadable or inconsistent
     */
    public static ImageFolderDataset fromOptions(Path root, Options options) {
        Builder b = builder().setRoot(root);
        String channels = options.getChoice("channels", null, Set.of("1", "3"));
        if (channels != null) {
            b.optChannels(Integer.parseInt(channels));
        }
        String size = OptionValues.getString(options, "size", null);
        if (size != null) {
            Matcher m = SIZE.matcher(size);
            if (!m.matches()) {
                throw new IllegalArgumentException(
                        options.owner() + ": option 'size' must be H or HxW in pixels (for example "
                                + "64 or 28x28), got '" + size + "'");
            }
            int h = parseDim(m.group(1), size, options);
            int w = m.group(2) == null ? h : parseDim(m.group(2), size, options);
            b.optSize(h, w);
        }
        b.optResize(options.getBoolean("resize", false));
        return b.build();
    }

    private static int parseDim(String s, String size, Options options) {
        try {
            int v = Integer.parseInt(s);
            if (v >= 1 && v <= 16384) {
                return v;
            }
        } catch (NumberFormatException e) {
            // Too many digits: reported below.
        }
        throw new IllegalArgumentException(
                options.owner() + ": option 'size' must have sides in [1, 16384], got '" + size
                        + "'");
    }

    /**
     * Whether a folder holds images directly or in its sub-folders (one level), which {@link
     * DataSources} takes as a sign that it is an image folder.
     */
    public static boolean containsImages(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        for (Path p : list(dir)) {
            if (isImage(p) || (Files.isDirectory(p) && !imagesIn(p).isEmpty())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int size() {
        return files.size();
    }

    @Override
    public Shape sampleShape() {
        return new Shape(channels, height, width);
    }

    @Override
    public void copySample(int index, float[] dst, int offset) {
        Objects.checkIndex(index, files.size());
        int n = channels * height * width;
        IdxFiles.toFloats(pixels, index * n, dst, offset, n);
    }

    @Override
    public boolean hasLabels() {
        return labels != null;
    }

    @Override
    public int label(int index) {
        if (labels == null) {
            throw new IllegalStateException(
                    description() + " has no labels (no class sub-folders); check hasLabels() "
                            + "first");
        }
        return labels[index];
    }

    @Override
    public int numClasses() {
        return classNames.size();
    }

    @Override
    public String description() {
        return "image folder " + root + " (" + files.size() + " images, " + channels + " x "
                + height + " x " + width
                + (labels == null ? ", no labels)" : ", " + classNames.size() + " classes)");
    }

    /** The class names (sorted sub-folder names), index = label; empty without labels. */
    public List<String> classNames() {
        return classNames;
    }

    /** The file sample {@code index} was read from. */
    public Path file(int index) {
        return files.get(index);
    }

    /** The number of channels, 1 or 3. */
    public int channels() {
        return channels;
    }

    /** The height of each image in pixels. */
    public int height() {
        return height;
    }

    /** The width of each image in pixels. */
    public int width() {
        return width;
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> out = new ArrayList<>();
            s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new DataException(
                    "folder '" + dir + "': cannot list (" + e.getMessage() + ")", e);
        }
    }

    private static List<Path> imagesIn(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> out = new ArrayList<>();
            s.filter(ImageFolderDataset::isImage)
                    .filter(p -> !dir.relativize(p).toString().contains("/."))
                    .sorted().forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new DataException(
                    "folder '" + dir + "': cannot list (" + e.getMessage() + ")", e);
        }
    }

    private static boolean isImage(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return !name.startsWith(".") && dot > 0 && Files.isRegularFile(p)
                && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** Builds an {@link ImageFolderDataset} (DJL style: {@code setX} required, {@code optX}). */
    public static final class Builder {

        private Path root;
        private int channels;
        private int height;
        private int width;
        private boolean resize;

        private Builder() {}

        /** The folder to read (required). */
        public Builder setRoot(Path root) {
            this.root = Objects.requireNonNull(root, "root is null");
            return this;
        }

        /** The number of channels, 1 or 3; default: those of the first image. */
        public Builder optChannels(int channels) {
            if (channels != 1 && channels != 3) {
                throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
            }
            this.channels = channels;
            return this;
        }

        /** The image size in pixels; default: that of the first image. */
        public Builder optSize(int height, int width) {
            if (height <= 0 || width <= 0) {
                throw new IllegalArgumentException(
                        "image size must be positive, got " + height + "x" + width);
            }
            this.height = height;
            this.width = width;
            return this;
        }

        /** Whether images of another size are scaled to the size (default false: an error). */
        public Builder optResize(boolean resize) {
            this.resize = resize;
            return this;
        }

        /**
         * Reads every image.
         *
         * @throws DataException when the folder is missing or empty, mixes images and class
         *     folders, or an image is unreadable or of the wrong size
         */
        public ImageFolderDataset build() {
            if (root == null) {
                throw new IllegalStateException(
                        "ImageFolderDataset.Builder: call setRoot(dir) first");
            }
            if (!Files.isDirectory(root)) {
                throw new DataException(
                        "image folder '" + root + "' does not exist or is not a folder");
            }
            List<Path> rootImages = new ArrayList<>();
            List<Path> classDirs = new ArrayList<>();
            for (Path p : list(root)) {
                if (isImage(p)) {
                    rootImages.add(p);
                } else if (Files.isDirectory(p)) {
                    classDirs.add(p);
                }
            }
            List<Path> files = new ArrayList<>();
            List<String> classNames = new ArrayList<>();
            List<Integer> labelList = new ArrayList<>();
            if (!rootImages.isEmpty()) {
                for (Path d : classDirs) {
                    if (!imagesIn(d).isEmpty()) {
                        throw new DataException(
                                "image folder '" + root + "' mixes images in the folder itself ("
                                        + rootImages.get(0).getFileName() + ", ...) with class "
                                        + "sub-folders (" + d.getFileName() + "/); put all images "
                                        + "either directly in the folder (no labels) or in one "
                                        + "sub-folder per class");
                    }
                }
                files.addAll(rootImages);
            } else {
                for (Path d : classDirs) {
                    List<Path> images = imagesIn(d);
                    if (images.isEmpty()) {
                        throw new DataException(
                                "class folder '" + d + "' holds no images (." + String.join(", .",
                                        new TreeSet<>(EXTENSIONS)) + "); remove it or "
                                        + "add images, since every sub-folder is a class");
                    }
                    for (Path f : images) {
                        files.add(f);
                        labelList.add(classNames.size());
                    }
                    classNames.add(d.getFileName().toString());
                }
            }
            if (files.isEmpty()) {
                throw new DataException(
                        "image folder '" + root + "' holds no images: looked for files ending in ."
                                + String.join(", .", new TreeSet<>(EXTENSIONS))
                                + " in it or in class sub-folders; found "
                                + IdxDataset.listing(root));
            }
            return load(files, classNames, labelList);
        }

        private ImageFolderDataset load(List<Path> files, List<String> classNames,
                List<Integer> labelList) {
            int c = channels;
            int h = height;
            int w = width;
            byte[] pixels = null;
            for (int i = 0; i < files.size(); i++) {
                Path f = files.get(i);
                BufferedImage img = ImagePlanes.read(f);
                if (i == 0) {
                    c = c == 0 ? (ImagePlanes.isGrey(img) ? 1 : 3) : c;
                    h = h == 0 ? img.getHeight() : h;
                    w = w == 0 ? img.getWidth() : w;
                    long total = (long) files.size() * c * h * w;
                    if (total > Integer.MAX_VALUE - 8) {
                        throw new DataException(
                                "image folder '" + root + "': " + files.size() + " images of " + c
                                        + " x " + h + " x " + w + " need " + total
                                        + " bytes, more than one Java array holds; use a "
                                        + "smaller size or fewer images");
                    }
                    pixels = new byte[(int) total];
                }
                if (img.getHeight() != h || img.getWidth() != w) {
                    if (!resize) {
                        throw new DataException(
                                f + ": image is " + img.getHeight() + "x" + img.getWidth()
                                        + " (HxW) but the data set expects " + h + "x" + w
                                        + (height == 0 ? " (the size of the first image, "
                                                + files.get(0).getFileName() + ")" : "")
                                        + "; pass resize=true to scale images, or size=HxW");
                    }
                }
                byte[] planes = ImagePlanes.toPlanes(img, c);
                if (img.getHeight() != h || img.getWidth() != w) {
                    planes = ImagePlanes.resizePlanes(planes, c, img.getHeight(), img.getWidth(),
                            h, w);
                }
                System.arraycopy(planes, 0, pixels, i * c * h * w, planes.length);
            }
            int[] labels = null;
            if (!classNames.isEmpty()) {
                labels = labelList.stream().mapToInt(Integer::intValue).toArray();
            }
            return new ImageFolderDataset(root, List.copyOf(files),
                    Collections.unmodifiableList(new ArrayList<>(classNames)), labels, c, h, w,
                    pixels);
        }
    }
}
