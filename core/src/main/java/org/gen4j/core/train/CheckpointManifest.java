package org.gen4j.core.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.gen4j.core.util.AtomicFiles;

/**
 * The {@code manifest.json} of a checkpoint: the size and SHA-256 of every other file in its
 * folder, written last, before the folder is published. Loading verifies it, so a truncated,
 * deleted, added-to or altered file is found before any of it is used: same-size garbage in a
 * parameter file would otherwise load and sample wrong images without a word.
 *
 * @param format {@value #FORMAT}
 * @param files each file's size and hash, by name
 */
record CheckpointManifest(
        @JsonProperty("format") String format,
        @JsonProperty("files") Map<String, Entry> files) {

    /** The manifest's file name. */
    static final String FILE = "manifest.json";

    /** The format tag. */
    static final String FORMAT = "gen4j-checkpoint-manifest/1";

    /**
     * One file.
     *
     * @param bytes its size
     * @param sha256 its SHA-256, hex
     */
    record Entry(@JsonProperty("bytes") long bytes, @JsonProperty("sha256") String sha256) {}

    /** Hashes every regular file of {@code dir} and writes the manifest into it, atomically. */
    static void write(Path dir) throws IOException {
        Map<String, Entry> files = new TreeMap<>();
        for (Path f : listFiles(dir)) {
            files.put(name(dir, f), new Entry(Files.size(f), sha256(f)));
        }
        AtomicFiles.writeString(dir.resolve(FILE),
                Checkpoints.JSON.writeValueAsString(new CheckpointManifest(FORMAT, files)));
    }

    /**
     * Checks every file of a checkpoint against its manifest.
     *
     * @param required whether the checkpoint's format has a manifest (older ones have none)
     * @throws CorruptCheckpointException naming the file and what is wrong with it
     */
    static void verify(Path dir, boolean required) {
        Path file = dir.resolve(FILE);
        CheckpointManifest m;
        try {
            m = Checkpoints.JSON.readValue(file.toFile(), CheckpointManifest.class);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            if (required) {
                throw new CorruptCheckpointException(dir, FILE + " is missing (every checkpoint"
                        + " of this format has one)");
            }
            return;
        } catch (IOException e) {
            throw new CorruptCheckpointException(dir, FILE + " does not parse: "
                    + e.getMessage());
        }
        if (m == null || !FORMAT.equals(m.format()) || m.files() == null) {
            throw new CorruptCheckpointException(dir, FILE + " is not a " + FORMAT
                    + " manifest");
        }
        for (var e : m.files().entrySet()) {
            Path f = dir.resolve(e.getKey());
            if (!f.normalize().startsWith(dir.normalize()) || e.getKey().isEmpty()) {
                throw new CorruptCheckpointException(dir, FILE + " lists '" + e.getKey()
                        + "', which is not a file of the checkpoint folder");
            }
            long size;
            try {
                size = Files.size(f);
            } catch (NoSuchFileException ex) {
                throw new CorruptCheckpointException(dir, e.getKey() + " is missing");
            } catch (IOException ex) {
                throw new CorruptCheckpointException(dir, e.getKey() + " cannot be read: "
                        + ex.getMessage());
            }
            if (size != e.getValue().bytes()) {
                throw new CorruptCheckpointException(dir, e.getKey() + " has " + size
                        + " bytes, but " + e.getValue().bytes() + " were written ("
                        + (size < e.getValue().bytes() ? "truncated" : "grown") + ")");
            }
            String actual;
            try {
                actual = sha256(f);
            } catch (IOException ex) {
                throw new CorruptCheckpointException(dir, e.getKey() + " cannot be read: "
                        + ex.getMessage());
            }
            if (!actual.equals(e.getValue().sha256())) {
                throw new CorruptCheckpointException(dir, e.getKey() + " has SHA-256 " + actual
                        + ", but " + e.getValue().sha256() + " was written (its content was"
                        + " changed)");
            }
        }
        try {
            for (Path f : listFiles(dir)) {
                if (!m.files().containsKey(name(dir, f))) {
                    throw new CorruptCheckpointException(dir, name(dir, f) + " was not"
                            + " written with the checkpoint (not in " + FILE + ")");
                }
            }
        } catch (IOException e) {
            throw new CorruptCheckpointException(dir, "the folder cannot be listed: "
                    + e.getMessage());
        }
    }

    /** Every regular file under {@code dir}, nested ones too, but the manifest. */
    private static List<Path> listFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !p.equals(dir.resolve(FILE)))
                    .sorted().toList();
        }
    }

    /** A file's name in the manifest: its path below the folder, with '/' separators. */
    private static String name(Path dir, Path file) {
        return dir.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }

    static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
