package org.gen4j.core.data;

import java.util.Set;
import org.gen4j.core.util.Options;

/** Reads free-form string options, which {@link Options} has no reader for. */
final class OptionValues {

    private OptionValues() {}

    /**
     * A string option, or the default when absent; the key counts as read for {@link
     * Options#checkAllUsed()}.
     */
    static String getString(Options options, String key, String defaultValue) {
        Object raw = options.asMap().get(key);
        // getChoice with the value itself as the only choice marks the key as read.
        String value = options.getChoice(key, defaultValue, Set.of(String.valueOf(raw)));
        if (value != null && value.isBlank()) {
            throw new IllegalArgumentException(
                    options.owner() + ": option '" + key + "' must not be empty");
        }
        return value;
    }
}
