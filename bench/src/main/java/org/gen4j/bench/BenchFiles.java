package org.gen4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File chores of the benchmarks. */
final class BenchFiles {

    private BenchFiles() {}

    /** Deletes a folder of an earlier invocation (its runs), if there is one. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** A command-line value as a spec value: a long, a double, a boolean, or the string. */
    static Object parse(String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e2) {
                return v.equals("true") || v.equals("false") ? Boolean.parseBoolean(v) : v;
            }
        }
    }
}
