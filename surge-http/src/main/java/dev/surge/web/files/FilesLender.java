package dev.surge.web.files;

import dev.surge.web.Context;
import dev.surge.web.Handler;
import dev.surge.web.internal.FilesAccess;

import java.nio.file.Path;

/** What this package lends the web layer (see {@link FilesAccess}); lent by {@link FileOptions}' class initializer. */
final class FilesLender implements FilesAccess {
    @Override
    public Handler staticFiles(Path directory, FileOptions options) {
        return new StaticFiles(directory, options);
    }

    @Override
    public Handler redirectToDirectory() {
        return StaticFiles::redirectToDirectory;
    }

    @Override
    public void send(Context ctx, Path file, FileOptions options) {
        FileSender.send(ctx, file, options);
    }
}
