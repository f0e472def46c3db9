package org.gen4j.core.train;

import java.nio.file.Path;

/** A run folder is being trained by another process (or another run in this one). */
public final class RunFolderInUseException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final transient Path runDir;

    /**
     * @param runDir the folder
     * @param holder who holds it, as its lock file says
     */
    public RunFolderInUseException(Path runDir, String holder) {
        super("run folder " + runDir + " is in use by another training (" + holder + "): wait"
                + " for it to end, or train into another folder");
        this.runDir = runDir;
    }

    /** The folder. */
    public Path runDir() {
        return runDir;
    }
}
