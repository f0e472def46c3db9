package org.gen4j.core.train;

import java.nio.file.Path;

/** A new run was asked for in a folder that already holds one. */
public final class ExistingRunException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient Path runDir;

    /** The folder {@code runDir} holds a run. */
    public ExistingRunException(Path runDir) {
        super("run folder " + runDir + " already holds a run (checkpoints): resume it, or choose"
                + " another run folder; gen4j does not write over another run's checkpoints");
        this.runDir = runDir;
    }

    /** The folder. */
    public Path runDir() {
        return runDir;
    }
}
