package org.gen4j.core.engine;

import java.lang.reflect.Method;

/**
 * Raises one logger to errors only, through whichever logging back end the host uses: gen4j's
 * core speaks only slf4j, which has no API for levels, so this reaches Log4j 2 (the command
 * line's back end) or slf4j-simple when they are present and does nothing otherwise.
 */
final class QuietLogging {

    private QuietLogging() {}

    static void raise(String logger) {
        // slf4j-simple reads its levels from system properties when a logger is first created.
        System.setProperty("org.slf4j.simpleLogger.log." + logger, "error");
        try {
            Class<?> configurator = Class.forName(
                    "org.apache.logging.log4j.core.config.Configurator");
            Class<?> level = Class.forName("org.apache.logging.log4j.Level");
            Object error = level.getField("ERROR").get(null);
            Method setLevel = configurator.getMethod("setLevel", String.class, level);
            setLevel.invoke(null, logger, error);
        } catch (ReflectiveOperationException | LinkageError e) {
            // No Log4j 2 core on the class path: the host's back end keeps its own levels.
        }
    }
}
