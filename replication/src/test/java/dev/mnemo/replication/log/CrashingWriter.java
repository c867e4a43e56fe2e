package dev.mnemo.replication.log;

import dev.mnemo.replication.raft.Entry;
import dev.mnemo.replication.raft.HardState;
import dev.mnemo.replication.raft.Snapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The child process of {@link FileLogCrashTest}: appends batches of 1 to 3 entries to the log in {@code args[0]}
 * (small segments, so it rolls over often), syncs each, and only then prints the batch's last index, until it is
 * killed. A printed index is an acknowledged one.
 */
public final class CrashingWriter {
    private CrashingWriter() {
    }

    public static void main(String[] args) {
        FileLogStore store = FileLogStore.open(Path.of(args[0]), FileLogOptions.defaults().withSegmentBytes(4096));
        long index = store.lastIndex();
        while (true) {
            int count = (int) (index % 3) + 1;
            List<Entry> batch = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                index++;
                batch.add(FileLogCrashTest.entryAt(index));
            }
            store.save(new HardState(1, 1, index), batch, Snapshot.EMPTY);
            store.sync();
            System.out.println(index);
            System.out.flush();
        }
    }
}
