package org.gen4j.core.train;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The one-writer lock of a run folder: an operating-system lock on {@code RUN/.lock}, held while
 * a run trains, so that a second training or resume of the same folder is refused at once
 * instead of both writing checkpoints into it. The lock goes with the process, so a killed run
 * leaves no stale lock behind; the file stays, naming the last holder.
 */
final class RunLock implements AutoCloseable {

    /** The lock file's name in the run folder. */
    static final String FILE = ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of an existing run folder.
     *
     * @throws RunFolderInUseException if another process, or another run of this one, holds it
     * @throws IOException if the lock file cannot be opened
     */
    static RunLock acquire(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            String holder = holder(file);
            channel.close();
            throw new RunFolderInUseException(runDir, holder);
        }
        try {
            byte[] who = ("pid " + ProcessHandle.current().pid() + " ("
                    + ManagementFactory.getRuntimeMXBean().getName() + "), since "
                    + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(who), 0);
            channel.force(false);
        } catch (IOException | RuntimeException e) {
            lock.release();
            channel.close();
            throw e;
        }
        return new RunLock(channel, lock);
    }

    private static String holder(Path file) {
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8).trim();
            return s.isEmpty() ? "another training" : s;
        } catch (IOException e) {
            return "another training";
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // the channel's close below releases it too
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }
}
