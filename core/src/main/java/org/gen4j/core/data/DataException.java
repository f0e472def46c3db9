package org.gen4j.core.data;

/**
 * A data source is missing, malformed or inconsistent: an IDX file with a wrong magic number or
 * length, a label file that does not match its images, an unreadable image, a folder without data.
 *
 * <p>The message always names the file or folder, what was wrong, and what is accepted. It extends
 * {@link IllegalArgumentException} because a bad data source is bad input to the run.
 */
public final class DataException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * A data error with a message that names the source.
     *
     * @param message what was wrong, starting with the file or folder
     */
    public DataException(String message) {
        super(message);
    }

    /**
     * A data error caused by another exception (usually an {@link java.io.IOException}).
     *
     * @param message what was wrong, starting with the file or folder
     * @param cause the underlying failure, kept for the stack trace
     */
    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
