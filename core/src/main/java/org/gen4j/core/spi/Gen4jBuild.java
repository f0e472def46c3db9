package org.gen4j.core.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;

/**
 * Which gen4j core is running: its version and, when it was built from a git checkout, the
 * commit, whether the working tree had changes, and when it was built.
 *
 * <p>The build writes {@code build.properties} beside this class. A jar that bundles gen4j (the
 * command line's {@code gen4j.jar}) keeps the record of the core it was packaged with, so a jar
 * left behind by a rebuild of core alone shows an older build time or commit in every run's log
 * and report.
 *
 * @param version the Maven version, or {@code "unknown"} when the classes were not built by
 *     Maven (an IDE's own compile)
 * @param commit the abbreviated commit, when known
 * @param modified whether the working tree differed from {@link #commit}, when known
 * @param builtAt when the build ran (ISO-8601, UTC), when known
 */
public record Gen4jBuild(String version, Optional<String> commit, Optional<Boolean> modified,
        Optional<String> builtAt) {

    private static final String RESOURCE = "build.properties";
    private static final Gen4jBuild CURRENT = load();

    /** The build of the core on the class path. */
    public static Gen4jBuild current() {
        return CURRENT;
    }

    /**
     * Reads a build record as the build writes it. A value the build did not know stays as its
     * {@code ${...}} placeholder, or is missing or empty, and reads as unknown.
     */
    public static Gen4jBuild parse(Properties p) {
        Optional<String> modified = known(p.getProperty("modified"));
        return new Gen4jBuild(known(p.getProperty("version")).orElse("unknown"),
                known(p.getProperty("commit")), modified.map(Boolean::parseBoolean),
                known(p.getProperty("built")));
    }

    /**
     * For logs, as {@code 0.1.0-SNAPSHOT (commit 612ae7c with changes, built
     * 2026-12-03T16:02:11Z)}; the version alone when neither commit nor time is known.
     */
    public String describe() {
        if (commit.isEmpty() && builtAt.isEmpty()) {
            return version;
        }
        StringBuilder b = new StringBuilder(version).append(" (");
        commit.ifPresent(c -> b.append("commit ").append(c)
                .append(modified.orElse(false) ? " with changes" : ""));
        builtAt.ifPresent(t -> b.append(commit.isPresent() ? ", " : "").append("built ").append(t));
        return b.append(')').toString();
    }

    private static Optional<String> known(String value) {
        if (value == null || value.isBlank() || value.startsWith("${")) {
            return Optional.empty();
        }
        return Optional.of(value.trim());
    }

    private static Gen4jBuild load() {
        Properties p = new Properties();
        try (InputStream in = Gen4jBuild.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read gen4j's build record " + RESOURCE, e);
        }
        return parse(p);
    }
}
