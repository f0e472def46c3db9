package org.gen4j.core.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.gen4j.core.procedure.ProcedureState;
import org.gen4j.core.procedure.TrainingProcedure;

/**
 * Saves and restores a procedure's own state through {@link ProcedureState}: values into the
 * checkpoint's {@code state.json}, arrays into {@code state-<name>.ndlist} files.
 */
final class ProcedureStateFiles {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private ProcedureStateFiles() {}

    /** What was saved: the values, and the array files by name. */
    record Saved(JsonNode values, Map<String, String> files) {}

    static Saved save(TrainingProcedure procedure, Path dir) throws IOException {
        Optional<ProcedureState> state = procedure.state();
        if (state.isEmpty()) {
            return new Saved(null, Map.of());
        }
        ObjectNode values = JSON.createObjectNode();
        Map<String, String> files = new LinkedHashMap<>();
        try {
            state.get().save(new ProcedureState.Writer() {
                @Override
                public void put(String key, Object value) {
                    values.set(key, JSON.valueToTree(value));
                }

                @Override
                public void putArrays(String name, NDList arrays) {
                    if (!NAME.matcher(name).matches()) {
                        throw new IllegalArgumentException("state array name must be"
                                + " lower-kebab-case, got '" + name + "'");
                    }
                    String file = "state-" + name + ".ndlist";
                    try {
                        NetworkFiles.saveArrays(arrays, dir.resolve(file));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    files.put(name, file);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new Saved(values, files);
    }

    static void restore(TrainingProcedure procedure, Path dir, TrainerState saved,
            NDManager manager) throws IOException {
        Optional<ProcedureState> state = procedure.state();
        if (state.isEmpty()) {
            return;
        }
        JsonNode values = saved.procedureState() == null ? JSON.createObjectNode()
                : saved.procedureState();
        try {
            state.get().restore(new ProcedureState.Reader() {
                @Override
                public JsonNode get(String key) {
                    JsonNode v = values.get(key);
                    if (v == null) {
                        throw new IllegalArgumentException(dir + "/state.json has no procedure"
                                + " state '" + key + "' (it has " + fieldNames(values) + ")");
                    }
                    return v;
                }

                @Override
                public NDList getArrays(String name, NDManager into) {
                    String file = saved.stateFiles().get(name);
                    if (file == null) {
                        throw new IllegalArgumentException(dir + " has no procedure arrays '"
                                + name + "' (it has " + saved.stateFiles().keySet() + ")");
                    }
                    try {
                        return NetworkFiles.loadArrays(into == null ? manager : into,
                                dir.resolve(file));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String fieldNames(JsonNode node) {
        StringBuilder sb = new StringBuilder("[");
        node.fieldNames().forEachRemaining(n -> sb.append(sb.length() > 1 ? ", " : "").append(n));
        return sb.append("]").toString();
    }
}
