package dev.sticker.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps a second local cloud off a data directory in use: two dynalite processes on one LevelDB directory do not
 * fail at start, they fail later, obscurely, on the first request.
 */
final class DataDirectoryLock implements AutoCloseable {

    private static final String LOCK_FILE = ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirectoryLock acquire(Path dataDir) {
        Path file = dataDir.resolve(LOCK_FILE);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException | IOException e) {
            lock = null;
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new IllegalStateException("the data directory " + dataDir
                    + " is in use by another local cloud (the same data directory cannot be shared); stop it first");
        }
        return new DataDirectoryLock(channel, lock);
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the data directory lock", e);
        } finally {
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing is best effort; the lock dies with the process anyway.
        }
    }
}
