package org.gen4j.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The values of a repeatable {@code --flag KEY=VALUE} option, as a map of options. */
final class KeyValues {

    private KeyValues() {}

    /**
     * Parses {@code KEY=VALUE} pairs, keys and values trimmed, in the order given.
     *
     * @param flag the option, for messages ({@code --feature-option})
     * @throws IllegalArgumentException if a pair has no {@code =} or no key, or a key is repeated
     */
    static Map<String, Object> parse(String flag, List<String> pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String kv : pairs) {
            int eq = kv.indexOf('=');
            if (eq < 1 || kv.substring(0, eq).isBlank()) {
                throw new IllegalArgumentException(flag + " takes KEY=VALUE, got '" + kv + "'");
            }
            String key = kv.substring(0, eq).trim();
            if (map.put(key, kv.substring(eq + 1).trim()) != null) {
                throw new IllegalArgumentException(flag + " " + key + " is given twice");
            }
        }
        return map;
    }
}
