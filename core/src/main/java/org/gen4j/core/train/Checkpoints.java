package org.gen4j.core.train;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.gen4j.core.util.AtomicFiles;

/**
 * The layout of checkpoints in a run folder: {@code checkpoints/step-NNNNNNNN/} folders, each
 * published by an atomic rename once complete, and a {@code checkpoints/latest} file naming the
 * newest one. A run that fails keeps its last published checkpoint.
 *
 * <p>A checkpoint folder holds one file per network ({@code <network>.params}) and per optimizer
 * ({@code <network>.optimizer}), the procedure's array files, and {@code state.json} ({@link
 * CheckpointState}). Checkpoints of the format before the general core ({@value
 * CheckpointState#LEGACY_GAN_FORMAT}) are read too: see {@link LegacyCheckpoints}.
 */
public final class Checkpoints {

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Checkpoints() {}

    /** The checkpoints folder of a run. */
    public static Path folder(Path runDir) {
        return runDir.resolve("checkpoints");
    }

    /** The name of the checkpoint of a step. */
    public static String name(long step) {
        return String.format("step-%08d", step);
    }

    /**
     * The folder of the newest checkpoint of a run, or of the given path if it is a checkpoint.
     *
     * <p>The newest is the published {@code step-NNNNNNNN} folder of the highest step, whatever
     * {@code latest} says: a run killed between publishing a checkpoint and updating {@code
     * latest} resumes from the checkpoint it completed. ({@code latest} is kept for people and
     * scripts.)
     *
     * @throws IllegalArgumentException if there is none, naming the place looked at
     */
    public static Path resolve(Path runOrCheckpoint) {
        if (Files.isRegularFile(runOrCheckpoint.resolve("state.json"))) {
            return runOrCheckpoint;
        }
        List<Path> all;
        try {
            all = published(folder(runOrCheckpoint));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list " + folder(runOrCheckpoint) + ": "
                    + e.getMessage(), e);
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no checkpoint in " + runOrCheckpoint
                    + ": expected a run folder with checkpoints/step-NNNNNNNN folders or a"
                    + " checkpoint folder with state.json");
        }
        return all.get(all.size() - 1);
    }

    /** The published checkpoint folders of a checkpoints folder, oldest first; none if absent. */
    static List<Path> published(Path checkpointsFolder) throws IOException {
        if (!Files.isDirectory(checkpointsFolder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(checkpointsFolder)) {
            return s.filter(p -> p.getFileName().toString().matches("step-\\d{8}"))
                    .filter(p -> Files.isRegularFile(p.resolve("state.json")))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
    }

    /**
     * Whether a folder holds a run that a new start would write over: a published checkpoint, or
     * a {@code latest} file. (A run that stopped before its first checkpoint leaves nothing to
     * resume, and a new start may reuse its folder.)
     */
    static boolean holdsRun(Path runDir) throws IOException {
        return Files.exists(folder(runDir).resolve("latest"))
                || !published(folder(runDir)).isEmpty();
    }

    /**
     * Reads a checkpoint's state, of this format or the one before the general core.
     *
     * @throws IllegalArgumentException if the file is missing, does not parse, or has another
     *     format
     */
    public static CheckpointState readState(Path checkpointDir) {
        Path file = checkpointDir.resolve("state.json");
        verify(checkpointDir);
        JsonNode tree;
        try {
            tree = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not a readable gen4j checkpoint state: "
                    + e.getMessage(), e);
        }
        String format = tree == null ? null : tree.path("format").asText(null);
        try {
            if (CheckpointState.FORMAT.equals(format)
                    || CheckpointState.UNVERIFIED_FORMAT.equals(format)) {
                return JSON.treeToValue(tree, CheckpointState.class);
            }
            if (CheckpointState.LEGACY_GAN_FORMAT.equals(format)) {
                return LegacyCheckpoints.upgrade(tree);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is not a readable gen4j checkpoint state: "
                    + e.getMessage(), e);
        }
        throw new IllegalArgumentException(file + " has format '" + format + "'; this gen4j"
                + " reads '" + CheckpointState.FORMAT + "', '" + CheckpointState.UNVERIFIED_FORMAT
                + "' and '" + CheckpointState.LEGACY_GAN_FORMAT + "'");
    }

    /**
     * Writes a checkpoint: the trainer's files and {@code state.json} into a hidden temporary
     * folder, which is then renamed into place, and {@code latest} is replaced atomically. Older
     * checkpoints beyond {@code keep} are deleted.
     *
     * @param run the run-level state; its {@code trainer} is replaced by what the trainer saves
     */
    public static Path write(Path runDir, Trainer trainer, CheckpointState run, int keep)
            throws IOException {
        Path folder = folder(runDir);
        Files.createDirectories(folder);
        String name = name(trainer.stepCount());
        Path tmp = folder.resolve("." + name + ".tmp");
        deleteTree(tmp);
        TrainerState saved = trainer.save(tmp);
        CheckpointState state = new CheckpointState(CheckpointState.FORMAT, run.epoch(),
                run.engine(), run.data(), run.spec(), run.metrics(), run.sampleShape(),
                run.numClasses(), run.fields(), saved, run.fieldShapes());
        AtomicFiles.writeString(tmp.resolve("state.json"), JSON.writeValueAsString(state));
        CheckpointManifest.write(tmp);
        Path target = folder.resolve(name);
        deleteTree(target);
        AtomicFiles.move(tmp, target);
        AtomicFiles.writeString(folder.resolve("latest"), name + "\n");
        prune(folder, keep, name);
        return target;
    }

    /**
     * Checks a checkpoint's files against its manifest (checkpoints of the formats before
     * manifests have none and are read unverified).
     *
     * @throws CorruptCheckpointException naming the file and what is wrong, and the older complete
     *     checkpoint of the run when there is one
     */
    static void verify(Path checkpointDir) {
        boolean required;
        try {
            JsonNode tree = JSON.readTree(checkpointDir.resolve("state.json").toFile());
            required = tree != null && CheckpointState.FORMAT.equals(tree.path("format").asText());
        } catch (IOException e) {
            // state.json itself is damaged: the manifest, when there is one, names it.
            required = Files.exists(checkpointDir.resolve(CheckpointManifest.FILE));
        }
        try {
            CheckpointManifest.verify(checkpointDir, required);
        } catch (CorruptCheckpointException e) {
            throw e.withAdvice(olderAdvice(checkpointDir));
        }
    }

    private static String olderAdvice(Path damaged) {
        Path parent = damaged.toAbsolutePath().normalize().getParent();
        String name = damaged.getFileName().toString();
        try {
            List<Path> all = published(parent);
            for (int i = all.size() - 1; i >= 0; i--) {
                Path p = all.get(i);
                if (p.getFileName().toString().compareTo(name) >= 0) {
                    continue;
                }
                try {
                    JsonNode tree = JSON.readTree(p.resolve("state.json").toFile());
                    CheckpointManifest.verify(p, tree != null
                            && CheckpointState.FORMAT.equals(tree.path("format").asText()));
                    return "the older checkpoint " + p + " is complete: load it by that folder,"
                            + " or move " + damaged + " out of " + parent + " so that the run"
                            + " resumes from it";
                } catch (IOException | IllegalArgumentException e) {
                    // older and damaged too: look further back
                }
            }
        } catch (IOException e) {
            return "no older checkpoint could be listed in " + parent + ": " + e.getMessage();
        }
        return "no older complete checkpoint is left in " + parent;
    }

    private static void prune(Path folder, int keep, String newest) throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.list(folder)) {
            s.filter(p -> p.getFileName().toString().matches("step-\\d{8}") && Files.isDirectory(p))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .forEach(all::add);
        }
        for (int i = 0; i < all.size() - keep; i++) {
            if (!all.get(i).getFileName().toString().equals(newest)) {
                deleteTree(all.get(i));
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
