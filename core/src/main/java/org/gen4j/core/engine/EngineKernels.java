package org.gen4j.core.engine;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/** Finds the {@link EngineKernel} of a kind for an array's engine, once per kind and engine. */
public final class EngineKernels {

    private static final Map<String, Optional<EngineKernel>> FOUND = new ConcurrentHashMap<>();

    private EngineKernels() {}

    /**
     * The first kernel of {@code kind} on the class path that serves the engine of {@code like},
     * or null if there is none.
     */
    public static <T extends EngineKernel> T find(Class<T> kind, NDArray like) {
        String engine = like.getManager().getEngine().getEngineName();
        Optional<EngineKernel> k = FOUND.computeIfAbsent(kind.getName() + "/" + engine, key -> {
            for (T candidate : ServiceLoader.load(kind, kind.getClassLoader())) {
                if (candidate.serves(engine)) {
                    return Optional.of(candidate);
                }
            }
            return Optional.empty();
        });
        return k.map(kind::cast).orElse(null);
    }
}
