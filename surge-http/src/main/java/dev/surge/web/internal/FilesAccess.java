package dev.surge.web.internal;

import dev.surge.web.Context;
import dev.surge.web.Handler;
import dev.surge.web.files.FileOptions;

import java.nio.file.Path;

/** What the web layer needs of static files, lent by {@code dev.surge.web.files} (see {@link Lending}). */
public interface FilesAccess {
    /**
     * A handler serving the files under {@code directory}, or an {@link IllegalArgumentException}
     * saying why it cannot; it is {@link AutoCloseable} too, which closes what it caches.
     */
    Handler staticFiles(Path directory, FileOptions options);

    /** A handler that redirects a directory's path to the same with a slash at its end. */
    Handler redirectToDirectory();

    /** Answers {@code ctx} with the file at {@code file}, as a static route would. */
    void send(Context ctx, Path file, FileOptions options);

    /** The files seam; initializes {@code dev.surge.web.files} if nothing has yet. */
    static FilesAccess get() {
        if (Lent.files == null) {
            Lending.initialize(FileOptions.class, "files");
        }
        return Lent.files;
    }

    /** Called once, by FileOptions' class initializer. */
    static void lend(FilesAccess access) {
        Lending.once(Lent.files, "files");
        Lent.files = access;
    }
}
