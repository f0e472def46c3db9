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
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The methods that compiled classes call, read from their constant pools: the ground for scans
 * that keep a rule about DJL calls ({@link ScalarArithmeticCalls}, {@link HostCopyCalls}).
 */
public final class ClassFileCalls {

    /**
     * A method a class refers to.
     *
     * @param caller the calling class, as {@code org.gen4j.core.Foo}
     * @param owner the method's class, as {@code ai/djl/ndarray/NDArray}
     * @param name the method's name
     * @param descriptor the method's descriptor, as {@code (Ljava/lang/Number;)Lai/djl/...;}
     */
    public record Call(String caller, String owner, String name, String descriptor) {}

    private ClassFileCalls() {}

    /**
     * The calls that {@code rule} selects in the classes under {@code root} (a directory of
     * classes or a jar) whose names start with {@code prefix} (a package path such as {@code
     * org/gen4j/}), each as {@code describe} writes it, sorted and without repeats.
     */
    public static List<String> find(Path root, String prefix, Predicate<Call> rule,
            Function<Call, String> describe) {
        Set<String> found = new TreeSet<>();
        try {
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        String name = root.relativize(f).toString().replace('\\', '/');
                        if (name.startsWith(prefix) && name.endsWith(".class")) {
                            scan(name, Files.readAllBytes(f), rule, describe, found);
                        }
                    }
                }
            } else {
                try (JarFile jar = new JarFile(root.toFile())) {
                    for (JarEntry e : (Iterable<JarEntry>) jar.stream()::iterator) {
                        if (e.getName().startsWith(prefix) && e.getName().endsWith(".class")) {
                            try (InputStream in = jar.getInputStream(e)) {
                                scan(e.getName(), in.readAllBytes(), rule, describe, found);
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
    static void scan(String file, byte[] bytes, Predicate<Call> rule,
            Function<Call, String> describe, Set<String> found)
            throws IOException {
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
            String cls = file.substring(0, file.length() - ".class".length()).replace('/', '.');
            Call call = new Call(cls, owner, name, descriptor);
            if (rule.test(call)) {
                found.add(describe.apply(call));
            }
        }
    }
}
