package org.gen4j.core.train;

import java.nio.file.Path;

/**
 * A checkpoint's files do not match what was written: a file is missing, truncated, altered or
 * foreign. The message names the checkpoint, the file and what is wrong, and, when {@link
 * Checkpoints} finds one, the older complete checkpoint still on disk.
 */
public final class CorruptCheckpointException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient Path checkpoint;

    /**
     * @param checkpoint the checkpoint folder
     * @param problem what is wrong, naming the file
     */
    public CorruptCheckpointException(Path checkpoint, String problem) {
        super("checkpoint " + checkpoint + " is damaged: " + problem);
        this.checkpoint = checkpoint;
    }

    private CorruptCheckpointException(Path checkpoint, String message, Throwable cause) {
        super(message, cause);
        this.checkpoint = checkpoint;
    }

    /** The same problem, with advice appended (the older checkpoint that can be used). */
    CorruptCheckpointException withAdvice(String advice) {
        return new CorruptCheckpointException(checkpoint, getMessage() + "; " + advice, this);
    }

    /** The damaged checkpoint folder. */
    public Path checkpoint() {
        return checkpoint;
    }
}
