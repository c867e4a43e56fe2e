package dev.mnemo.engine.disc;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * The syncs that make the disc store's files durable, a seam through which tests fail or record them. The store
 * uses {@link #DEVICE}.
 */
interface DiscSync {
    /** Forces {@code channel}'s bytes (and with {@code metadata}, such as its size, too) to the device. */
    void file(FileChannel channel, boolean metadata) throws IOException;

    /** Makes the names created, renamed or deleted in {@code dir} so far durable. */
    void directory(Path dir) throws IOException;

    /** The real syncs. */
    DiscSync DEVICE = new DiscSync() {
        @Override
        public void file(FileChannel channel, boolean metadata) throws IOException {
            channel.force(metadata);
        }

        @Override
        public void directory(Path dir) throws IOException {
            DurableDirectories.sync(dir);
        }
    };
}
