package org.gen4j.testing;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds compiled calls of DJL's {@code NDArray} arithmetic that takes a Java number and
 * differentiates through it ({@code mul(Number)}, {@code div(Number)}, {@code pow(Number)},
 * {@code maximum(Number)}, {@code minimum(Number)} and {@code rdiv(Number)}), by reading the
 * constant pools of class files.
 *
 * <p>On DJL's PyTorch engine these calls build the number as a tensor over a Java direct buffer
 * and close it at once, while the autograd graph keeps the tensor for the backward pass: once
 * the garbage collector frees the buffer, the gradient reads whatever memory took its place.
 * gen4j code uses {@code org.gen4j.core.engine.Scalars} instead; this scan keeps it so. Addition
 * and subtraction keep no operand for their gradient, comparisons have none, and the in-place
 * forms ({@code muli(Number)}) serve code outside a recording (optimizers, weight averages),
 * where the operation completes before its number is freed: those are not reported.
 */
public final class ScalarArithmeticCalls {

    private static final String NUMBER_FIRST = "(Ljava/lang/Number;)";
    private static final Set<String> NAMES = Set.of("mul", "div", "pow", "maximum", "minimum",
            "rdiv");
    private static final Set<String> OWNERS = Set.of("ai/djl/ndarray/NDArray",
            "ai/djl/ndarray/NDArrayAdapter", "ai/djl/pytorch/engine/PtNDArray");

    private ScalarArithmeticCalls() {}

    /**
     * The calls in the classes under {@code root} (a directory of classes or a jar) whose names
     * start with {@code prefix} (a package path such as {@code org/gen4j/}), as {@code
     * "CLASS calls NDArray.NAME(Number)"}, sorted.
     */
    public static List<String> find(Path root, String prefix) {
        Set<String> found = new TreeSet<>();
        try {
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        String name = root.relativize(f).toString().replace('\\', '/');
                        if (name.startsWith(prefix) && name.endsWith(".class")) {
                            scan(name, Files.readAllBytes(f), found);
                        }
                    }
                }
            } else {
                try (JarFile jar = new JarFile(root.toFile())) {
                    for (JarEntry e : (Iterable<JarEntry>) jar.stream()::iterator) {
                        if (e.getName().startsWith(prefix) && e.getName().endsWith(".class")) {
                            try (InputStream in = jar.getInputStream(e)) {
                                scan(e.getName(), in.readAllBytes(), found);
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classes of " + root, e);
        }
        return new ArrayList<>(found);
    }

    /** Reads one class file's constant pool and records the calls it references. */
    static void scan(String file, byte[] bytes, Set<String> found) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException(file + " is not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] first = new int[count];
        int[] second = new int[count];
        int[] tags = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            tags[i] = tag;
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7, 8, 16, 19, 20 -> first[i] = in.readUnsignedShort();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                case 9, 10, 11, 12, 17, 18 -> {
                    first[i] = in.readUnsignedShort();
                    second[i] = in.readUnsignedShort();
                }
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException(file + ": unknown constant tag " + tag);
            }
        }
        for (int i = 1; i < count; i++) {
            if (tags[i] != 10 && tags[i] != 11) {
                continue;
            }
            String owner = utf8[first[first[i]]];
            int nameAndType = second[i];
            String name = utf8[first[nameAndType]];
            String descriptor = utf8[second[nameAndType]];
            if (OWNERS.contains(owner) && NAMES.contains(name)
                    && descriptor.startsWith(NUMBER_FIRST)) {
                String cls = file.substring(0, file.length() - ".class".length())
                        .replace('/', '.');
                found.add(cls + " calls NDArray." + name + "(Number)");
            }
        }
    }
}
