package org.gen4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Runs gen4j on every engine and a PyTorch reference script, once per seed, each in its own
 * child process, seed after seed, and collects their {@code RESULT} lines by implementation:
 * {@code gen4j-mxnet}, {@code gen4j-pytorch}, {@code pytorch-eager}.
 */
final class SideBySide {

    /** The reference's implementation name. */
    static final String REFERENCE = "pytorch-eager";

    private SideBySide() {}

    /**
     * @param gen4j the command of one gen4j side, for an engine and a seed
     * @param reference the reference's command for a seed; skipped when the script is missing or
     *     python has no torch
     */
    static Map<String, List<Map<String, String>>> run(List<String> engines, List<Long> seeds,
            int threads, Path script, String python,
            BiFunction<String, Long, List<String>> gen4j, Function<Long, List<String>> reference)
            throws Exception {
        boolean haveReference = Files.isRegularFile(script) && ChildProcess.hasTorch(python);
        if (!haveReference) {
            System.out.println("reference skipped: " + script + " missing or " + python
                    + " has no torch (apt-get install python3-torch libopenblas0-openmp)");
        }
        Map<String, List<Map<String, String>>> results = new LinkedHashMap<>();
        for (long seed : seeds) {
            for (String e : engines) {
                String name = name(e);
                System.out.printf("seed %d: %s%n", seed, name);
                results.computeIfAbsent(name, x -> new ArrayList<>())
                        .add(ChildProcess.run(gen4j.apply(e, seed), threads));
            }
            if (haveReference) {
                System.out.printf("seed %d: %s%n", seed, REFERENCE);
                List<String> cmd = new ArrayList<>(List.of(python, script.toString()));
                cmd.addAll(reference.apply(seed));
                results.computeIfAbsent(REFERENCE, x -> new ArrayList<>())
                        .add(ChildProcess.run(cmd, threads));
            }
        }
        return results;
    }

    /** The implementation name of gen4j on an engine. */
    static String name(String engine) {
        return "gen4j-" + engine.toLowerCase(Locale.ROOT);
    }
}
