package org.gen4j.core.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.gen4j.core.data.IdxFiles;
import org.gen4j.core.data.ImageFolderDataset;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spec.SpecLoader;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.train.Checkpoints;
import org.gen4j.core.util.Options;

/**
 * The fuzz targets of every parser of outside input. Each feeds arbitrary bytes to a parser,
 * accepts a clear error ({@link IllegalArgumentException}, which {@code DataException} is), and
 * fails on anything else: another exception, or a result that does not hold together (a parse
 * whose round trip differs). Hangs are caught by the fuzzer's per-input timeout.
 *
 * <p>A {@code *FuzzTest} class for each ({@link IdxFuzzTest} and its siblings) runs them under
 * JUnit (regression inputs always, fuzzing with {@code JAZZER_FUZZ=1}); {@code bench/fuzz} runs
 * each for longer with Jazzer's command-line driver, through the {@code fuzzerTestOneInput}
 * methods of the nested classes.
 */
public final class ParserFuzzTargets {

    private static final Registry REGISTRY = Gen4j.registry();
    private static final Path ROOT = tempRoot();

    private ParserFuzzTargets() {}

    private static Path tempRoot() {
        try {
            Path root = Files.createTempDirectory("gen4j-fuzz");
            root.toFile().deleteOnExit();
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh, empty folder for one input. */
    static Path scratch() {
        Path dir = ROOT.resolve("input");
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> s = Files.walk(dir)) {
                    for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The IDX image and label readers, on the bytes as a plain file and as a gzip file. */
    public static void idx(byte[] data) {
        Path dir = scratch();
        try {
            Files.write(dir.resolve("images-idx3-ubyte"), data);
            ByteArrayOutputStream gz = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
                out.write(data);
            }
            Files.write(dir.resolve("images-idx3-ubyte.gz"), gz.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String name : new String[] {"images-idx3-ubyte", "images-idx3-ubyte.gz"}) {
            Path f = dir.resolve(name);
            try {
                IdxFiles.Images images = IdxFiles.readImages(f);
                if ((long) images.count() * images.rows() * images.cols()
                        != images.pixels().length) {
                    throw new AssertionError(f + ": " + images.count() + " x " + images.rows()
                            + " x " + images.cols() + " images but " + images.pixels().length
                            + " pixels");
                }
                byte[] expected = Arrays.copyOfRange(data, 16, 16 + images.pixels().length);
                if (!Arrays.equals(images.pixels(), expected)) {
                    throw new AssertionError(f + ": the pixels are not the file's bytes");
                }
            } catch (IllegalArgumentException e) {
                // a clear error
            }
            try {
                byte[] labels = IdxFiles.readLabels(f);
                if (labels.length > data.length - 8) {
                    throw new AssertionError(f + ": more labels than bytes");
                }
            } catch (IllegalArgumentException e) {
                // a clear error
            }
        }
    }

    /** The image-folder loader on 1 to 3 files of arbitrary bytes in class folders. */
    public static void imageFolder(FuzzedDataProvider in) {
        Path dir = scratch();
        Map<String, Object> options = new HashMap<>();
        if (in.consumeBoolean()) {
            options.put("channels", in.pickValue(new String[] {"1", "3", "2", "x"}));
        }
        if (in.consumeBoolean()) {
            options.put("size", in.consumeString(8));
        }
        if (in.consumeBoolean()) {
            options.put("resize", in.consumeBoolean());
        }
        int files = in.consumeInt(1, 3);
        try {
            for (int i = 0; i < files; i++) {
                Path cls = dir.resolve(in.consumeBoolean() ? "a" : "b");
                Files.createDirectories(cls);
                String ext = in.pickValue(new String[] {".png", ".jpg", ".jpeg"});
                Files.write(cls.resolve("f" + i + ext), in.consumeBytes(in.consumeInt(0, 4096)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Options o = new Options("image folder", options);
            ImageFolderDataset set = ImageFolderDataset.fromOptions(dir, o);
            o.checkAllUsed();
            float[] x = new float[Math.toIntExact(set.sampleShape().size())];
            for (int i = 0; i < set.size(); i++) {
                set.copySample(i, x, 0);
                for (float v : x) {
                    if (!(v >= -1 && v <= 1)) {
                        throw new AssertionError("pixel " + v + " outside [-1, 1]");
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            // a clear error
        }
    }

    /** The spec loader on YAML and JSON text; a spec that builds reads back equal. */
    public static void spec(FuzzedDataProvider in) {
        boolean json = in.consumeBoolean();
        String text = in.consumeRemainingAsString();
        Path file = scratch().resolve(json ? "spec.json" : "spec.yaml");
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RunSpec spec;
        try {
            spec = SpecLoader.fromDefaults().mergeFile(file).build(REGISTRY);
        } catch (IllegalArgumentException e) {
            return;
        }
        RunSpec back = SpecLoader.fromJson(SpecLoader.toJson(spec), REGISTRY);
        if (!SpecLoader.toJson(back).equals(SpecLoader.toJson(spec))) {
            throw new AssertionError("a spec does not read back equal:\n" + SpecLoader.toJson(spec)
                    + "\n" + SpecLoader.toJson(back));
        }
    }

    /** {@code --set KEY=VALUE} values over the defaults. */
    public static void set(FuzzedDataProvider in) {
        SpecLoader loader = SpecLoader.fromDefaults();
        try {
            int n = in.consumeInt(1, 4);
            for (int i = 0; i < n; i++) {
                loader.set(in.consumeString(40), in.consumeString(60));
            }
            RunSpec spec = loader.build(REGISTRY);
            RunSpec back = SpecLoader.fromJson(SpecLoader.toJson(spec), REGISTRY);
            if (!SpecLoader.toJson(back).equals(SpecLoader.toJson(spec))) {
                throw new AssertionError("a spec does not read back equal");
            }
        } catch (IllegalArgumentException e) {
            // a clear error
        }
    }

    /** The checkpoint state reader on an arbitrary {@code state.json} (with or without manifest). */
    public static void checkpointState(FuzzedDataProvider in) {
        Path dir = scratch().resolve("step-00000001");
        try {
            Files.createDirectories(dir);
            boolean manifest = in.consumeBoolean();
            String manifestText = manifest ? in.consumeString(500) : null;
            Files.writeString(dir.resolve("state.json"), in.consumeRemainingAsString());
            if (manifestText != null) {
                Files.writeString(dir.resolve("manifest.json"), manifestText);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            var state = Checkpoints.readState(dir);
            if (state.trainer() == null || state.spec() == null) {
                throw new AssertionError("a checkpoint state without trainer or spec was read");
            }
        } catch (IllegalArgumentException e) {
            // a clear error
        }
    }

    /** Jazzer's command-line entry points, one class per target. */
    public static final class Idx {
        private Idx() {}

        public static void fuzzerTestOneInput(byte[] data) {
            idx(data);
        }
    }

    /** See {@link ParserFuzzTargets#imageFolder}. */
    public static final class ImageFolder {
        private ImageFolder() {}

        public static void fuzzerTestOneInput(FuzzedDataProvider in) {
            imageFolder(in);
        }
    }

    /** See {@link ParserFuzzTargets#spec}. */
    public static final class Spec {
        private Spec() {}

        public static void fuzzerTestOneInput(FuzzedDataProvider in) {
            spec(in);
        }
    }

    /** See {@link ParserFuzzTargets#set}. */
    public static final class Set {
        private Set() {}

        public static void fuzzerTestOneInput(FuzzedDataProvider in) {
            set(in);
        }
    }

    /** See {@link ParserFuzzTargets#checkpointState}. */
    public static final class CheckpointState {
        private CheckpointState() {}

        public static void fuzzerTestOneInput(FuzzedDataProvider in) {
            checkpointState(in);
        }
    }
}
