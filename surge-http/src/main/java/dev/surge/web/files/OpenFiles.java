package dev.surge.web.files;

import dev.surge.http.codec.FileBodies;
import dev.surge.http.codec.ResponseWriter;
import dev.surge.http.codec.SharedFileChannel;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Open descriptors of small files ({@link ResponseWriter#FILE_COPY_BYTES} at most), one
 * cache per event loop, so that a file asked for again is read without an open and a close:
 * nginx's open_file_cache, without its staleness. Every request still looks its path up, and
 * a descriptor is used only while the path names the same file (device and inode); it is
 * read at that moment, so a response holds what the file holds then, as without the cache.
 * <p>
 * What it costs is descriptors: at most {@link #MAX_PER_LOOP} per event loop, the least
 * recently used closed first; a descriptor idle for {@link #IDLE_NANOS} is closed on a later
 * lookup, one whose path names another file or nothing at once, and all of them when the
 * server stops. Until then a deleted file's space stays in use, as with any open file.
 */
final class OpenFiles implements AutoCloseable {
    static final int MAX_PER_LOOP = 256;
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final int SWEEP_EVERY = 1024;

    private final List<Loop> loops = new ArrayList<>();
    private final ThreadLocal<Loop> local = ThreadLocal.withInitial(this::newLoop);
    private volatile boolean closed;

    /**
     * A view of the open file {@code path} names, whose attributes were just read, or null
     * when it is too large to be cached or the cache is closed (the caller opens it itself).
     */
    FileChannel open(Path path, BasicFileAttributes attributes) throws IOException {
        if (closed || attributes.size() > ResponseWriter.FILE_COPY_BYTES || attributes.fileKey() == null) {
            return null;
        }
        return local.get().open(path, attributes.fileKey());
    }

    /** The path no longer names a file: its descriptor, if any, is closed. */
    void forget(Path path) {
        if (!closed) {
            local.get().forget(path);
        }
    }

    private Loop newLoop() {
        Loop loop = new Loop();
        synchronized (loops) {
            loops.add(loop);
        }
        return loop;
    }

    /** Closes every descriptor: the server has stopped, and its loops with it. */
    @Override
    public void close() {
        closed = true;
        synchronized (loops) {
            for (Loop loop : loops) {
                loop.closeAll();
            }
            loops.clear();
        }
    }

    private static final class Open {
        final FileChannel channel;
        final Object fileKey;
        long usedAt;

        Open(FileChannel channel, Object fileKey, long usedAt) {
            this.channel = channel;
            this.fileKey = fileKey;
            this.usedAt = usedAt;
        }
    }

    /** One loop's cache: used by that loop's thread only, locked only against {@link #close}. */
    private static final class Loop {
        private final LinkedHashMap<Path, Open> entries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Path, Open> eldest) {
                if (size() > MAX_PER_LOOP) {
                    FileBodies.closeQuietly(eldest.getValue().channel);
                    return true;
                }
                return false;
            }
        };
        private int lookups;

        synchronized FileChannel open(Path path, Object fileKey) throws IOException {
            long now = System.nanoTime();
            if (++lookups % SWEEP_EVERY == 0) {
                sweep(now);
            }
            Open entry = entries.get(path);
            if (entry == null || !entry.fileKey.equals(fileKey)) {
                if (entry != null) {
                    entries.remove(path);
                    FileBodies.closeQuietly(entry.channel);
                }
                entry = new Open(FileChannel.open(path, StandardOpenOption.READ), fileKey, now);
                entries.put(path, entry);
            }
            entry.usedAt = now;
            return new SharedFileChannel(entry.channel);
        }

        synchronized void forget(Path path) {
            Open entry = entries.remove(path);
            if (entry != null) {
                FileBodies.closeQuietly(entry.channel);
            }
        }

        private void sweep(long now) {
            for (Iterator<Open> it = entries.values().iterator(); it.hasNext(); ) {
                Open entry = it.next();
                if (now - entry.usedAt > IDLE_NANOS) {
                    FileBodies.closeQuietly(entry.channel);
                    it.remove();
                }
            }
        }

        synchronized void closeAll() {
            for (Open entry : entries.values()) {
                FileBodies.closeQuietly(entry.channel);
            }
            entries.clear();
        }
    }
}
