package org.gen4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Checks of the files and folders a command will write, made before any work, so that an hour
 * of sampling is not lost to a typo; and the one form of a failed write, {@code cannot write
 * PATH: reason}.
 */
final class OutputPaths {

    private OutputPaths() {}

    /**
     * Checks a file to be written.
     *
     * @param flag the option naming it, for messages
     * @param file the file
     * @param extension the required extension with its dot ({@code .png}), or null for any
     * @throws IllegalArgumentException if the extension is wrong, the path is a folder, or its
     *     folder cannot be created or written
     */
    static void checkFile(String flag, Path file, String extension) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        if (name.isBlank()) {
            throw new IllegalArgumentException(flag + " '" + file + "' names no file");
        }
        if (extension != null && !name.toLowerCase(Locale.ROOT).endsWith(extension)) {
            throw new IllegalArgumentException(flag + " " + file + ": the file must end in "
                    + extension + " (it is written as " + extension.substring(1).toUpperCase(
                    Locale.ROOT) + ")");
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("cannot write " + file + ": it is a folder");
        }
        checkCreatable(file.toAbsolutePath().getParent(), file);
    }

    /**
     * Checks a folder to be created or written into.
     *
     * @throws IllegalArgumentException if the path is blank, a file-system root, a file, or
     *     cannot be created or written
     */
    static void checkFolder(String flag, Path dir) {
        if (dir.toString().isBlank()) {
            throw new IllegalArgumentException(flag + " is empty: give a folder");
        }
        Path abs = dir.toAbsolutePath().normalize();
        if (abs.getParent() == null) {
            throw new IllegalArgumentException(flag + " " + dir + " is a file-system root: give"
                    + " a folder of its own");
        }
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new IllegalArgumentException("cannot write " + dir + ": it is a file, not a"
                    + " folder");
        }
        checkCreatable(abs, dir);
    }

    /** The nearest existing ancestor of {@code dir} must be a writable folder. */
    private static void checkCreatable(Path dir, Path target) {
        Path p = dir;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return;
        }
        if (!Files.isDirectory(p)) {
            throw new IllegalArgumentException("cannot write " + target + ": " + p
                    + " is a file, not a folder");
        }
        if (!Files.isWritable(p)) {
            throw new IllegalArgumentException("cannot write " + target + ": no permission to"
                    + " write in " + p);
        }
    }

    /** A write that failed, as {@code cannot write PATH: reason}. */
    static UncheckedIOException cannotWrite(Path target, IOException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new UncheckedIOException("cannot write " + target + ": " + reason, e);
    }
}
