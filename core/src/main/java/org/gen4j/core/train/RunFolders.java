package org.gen4j.core.train;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.gen4j.core.spec.CommonKeys;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spec.SpecLoader;
import org.gen4j.core.spi.Registry;

/** Checks on run folders: writable before anything is built, and resumed with a fitting spec. */
final class RunFolders {

    private RunFolders() {}

    /**
     * Fails early, without creating anything, when {@code runDir} cannot be created or written:
     * its nearest existing ancestor must be a writable folder.
     */
    static void checkWritable(Path runDir) {
        if (runDir.toString().isBlank()) {
            throw new IllegalArgumentException("the run folder is an empty path: name a folder"
                    + " for the run's files");
        }
        if (runDir.toAbsolutePath().normalize().getParent() == null) {
            throw new IllegalArgumentException("run folder " + runDir + " is a file-system"
                    + " root: a run needs a folder of its own");
        }
        Path p = runDir.toAbsolutePath().normalize();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return;
        }
        if (!Files.isDirectory(p)) {
            throw new IllegalArgumentException("run folder " + runDir + " cannot be created: "
                    + p + " is a file, not a folder");
        }
        if (!Files.isWritable(p)) {
            throw new IllegalArgumentException("run folder " + runDir + " is not writable: "
                    + "no write permission on " + p);
        }
    }

    /** Creates the folder and proves it writable. */
    static void prepare(Path runDir) {
        checkWritable(runDir);
        try {
            Files.createDirectories(runDir);
            Path probe = Files.createTempFile(runDir, ".write-test", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException("run folder " + runDir + " is not writable: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Refuses a resume that would train to fewer steps than the checkpoint already has, before
     * anything is written (its spec.json stays as it was).
     */
    static void checkNotShrinking(long totalSteps, long trained, Path checkpoint) {
        if (totalSteps < trained) {
            throw new IllegalArgumentException("checkpoint " + checkpoint + " has trained "
                    + trained + " steps, more than the " + totalSteps + " asked for: a resume"
                    + " can only extend a run (ask for more steps or epochs), and nothing was"
                    + " changed");
        }
    }

    /**
     * Checks that a resumed run trains what the checkpoint trained: both specs, resolved, may
     * differ only in {@link CommonKeys#RESUMABLE}.
     */
    static void checkCompatible(JsonNode storedSpec, RunSpec wanted, Registry registry,
            Path dir) {
        JsonNode stored = roundTrip(SpecLoader.fromStored(storedSpec).build(registry));
        JsonNode now = roundTrip(wanted);
        Set<String> differing = new TreeSet<>();
        Set<String> keys = new TreeSet<>();
        stored.fieldNames().forEachRemaining(keys::add);
        now.fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            if (!CommonKeys.RESUMABLE.contains(key) && !stored.path(key).equals(now.path(key))) {
                differing.add(key + " (checkpoint: " + stored.path(key) + ", now: "
                        + now.path(key) + ")");
            }
        }
        if (!differing.isEmpty()) {
            throw new IllegalArgumentException("checkpoint " + dir + " was trained with another"
                    + " spec; these keys differ: " + differing + ". Only "
                    + new TreeSet<>(CommonKeys.RESUMABLE) + " may change on resume: start a new"
                    + " run for the rest");
        }
    }

    // Compare specs as they read back from JSON: a long seed is a LongNode in a tree made from
    // values but an IntNode when 42 is read back, and the two are not equal.
    private static JsonNode roundTrip(RunSpec spec) {
        try {
            return Checkpoints.JSON.readTree(spec.toJson());
        } catch (IOException e) {
            throw new IllegalStateException("spec does not serialise: " + e.getMessage(), e);
        }
    }
}
