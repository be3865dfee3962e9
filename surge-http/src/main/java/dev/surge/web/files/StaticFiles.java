package dev.surge.web.files;

import dev.surge.web.Context;
import dev.surge.web.Handler;
import dev.surge.web.Routes;
import dev.surge.web.internal.ContextAccess;
import dev.surge.web.internal.PercentDecoding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The handler of {@link Routes#files}: maps the rest of the path to a file under the root and
 * answers with it through {@link FileSender}. No request reaches a file outside the root:
 * <ul>
 *   <li>each segment is percent-decoded on its own, and a segment that decodes to {@code .} or
 *       {@code ..}, or holds '/', '\', or NUL (from {@code %2f}, {@code %5c}, {@code %00}), or is
 *       empty inside the path, gives 404;</li>
 *   <li>the file found must lie under the root's real path once every symbolic link is
 *       resolved, so a link pointing outside gives 404 (links inside the root are followed).</li>
 * </ul>
 * A directory's path without the trailing '/' is redirected (301) to the one with it, so that
 * relative links in its index resolve; with it, the index file is served, else the listing if
 * it is on, else 404.
 */
final class StaticFiles implements Handler, AutoCloseable {
    private final Path root;
    private final FileOptions options;
    /** Open small files, on event loops only (a cache per virtual thread would never be used twice). */
    private final OpenFiles openFiles;

    StaticFiles(Path directory, FileOptions options) {
        try {
            this.root = directory.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serve files from " + directory + ": " + e.getMessage()
                    + " (give an existing, readable directory)", e);
        }
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("cannot serve files from " + directory + ": not a directory");
        }
        this.options = options;
        this.openFiles = options.onEventLoop() ? new OpenFiles() : null;
    }

    /** Closes the cached descriptors; the server has stopped. */
    @Override
    public void close() {
        if (openFiles != null) {
            openFiles.close();
        }
    }

    /** A path under the root, what it is, and whether a symbolic link led to it. */
    private record Found(Path path, String name, BasicFileAttributes attributes, boolean viaLink) {
    }

    @Override
    public void handle(Context ctx) {
        String raw = ContextAccess.get().rawPathParam(ctx, "*");
        Found found = raw == null ? find(root, "", false) : resolve(raw);
        if (found == null) {
            FileSender.notFound(ctx);
            return;
        }
        if (found.attributes().isDirectory()) {
            if (raw == null || raw.isEmpty() || raw.endsWith("/")) {
                directory(ctx, found);
            } else {
                redirectToDirectory(ctx);
            }
            return;
        }
        if (!found.attributes().isRegularFile() || raw.endsWith("/")) {
            FileSender.notFound(ctx);
            return;
        }
        FileSender.send(ctx, found.path(), found.name(), found.attributes(), precompressed(ctx, found), options, openFiles);
    }

    /** 301 to the same path with a '/' added (the query kept): a directory's own path. */
    static void redirectToDirectory(Context ctx) {
        String query = ctx.request().query();
        ctx.status(301).header("Location", ctx.path() + "/" + (query == null || query.isEmpty() ? "" : "?" + query))
                .text("Moved Permanently: " + ctx.path() + "/\n");
    }

    private void directory(Context ctx, Found dir) {
        if (options.indexFile() != null) {
            Found index = find(dir.path().resolve(options.indexFile()), options.indexFile(), dir.viaLink());
            if (index != null && index.attributes().isRegularFile()) {
                FileSender.send(ctx, index.path(), index.name(), index.attributes(), precompressed(ctx, index), options, openFiles);
                return;
            }
        }
        if (options.listing()) {
            DirectoryListing.answer(ctx, dir.path(), root);
            return;
        }
        FileSender.notFound(ctx);
    }

    /** {@code NAME.gz} beside the file, when the client may get it and it is a file under the root. */
    private FileSender.Sibling precompressed(Context ctx, Found file) {
        if (!options.precompressed() || !FileSender.acceptsGzip(ctx.header("Accept-Encoding").orElse(""))) {
            return null;
        }
        Path path = file.path();
        Found gz = find(path.resolveSibling(file.name() + ".gz"), file.name(), file.viaLink());
        if (gz == null || !gz.attributes().isRegularFile()) {
            return null;
        }
        return new FileSender.Sibling(gz.path(), gz.attributes());
    }

    /**
     * What the raw (percent-encoded) rest of the request path names under the root, or null
     * when a segment is unsafe or nothing is there. A trailing '/' is allowed (a directory).
     * The directories on the way are looked at without following links, so that the common
     * case, no link anywhere, costs one lstat per directory and none of realpath's calls.
     */
    private Found resolve(String raw) {
        if (raw.startsWith("/")) {
            return null;
        }
        Path path = root;
        String name = "";
        boolean viaLink = false;
        int n = raw.endsWith("/") ? raw.length() - 1 : raw.length();
        for (int start = 0; start < n; ) {
            int slash = raw.indexOf('/', start);
            int end = slash < 0 || slash > n ? n : slash;
            if (end == start) {
                return null;  // an empty segment: '//' or a leading '/'
            }
            String segment = PercentDecoding.path(raw.substring(start, end));
            if (!safe(segment)) {
                return null;
            }
            if (path != root && !viaLink) {
                BasicFileAttributes dir = attributes(path, NO_FOLLOW);
                if (dir == null) {
                    return null;
                }
                viaLink = dir.isSymbolicLink();
            }
            path = path.resolve(segment);
            name = segment;
            start = end + 1;
        }
        return find(path, name, viaLink);
    }

    /**
     * The attributes of {@code path}, links followed, or null when it is missing or lies
     * outside the root. Only when a link is involved (the path is one, or one led to it) is the
     * real path resolved and checked against the root's.
     */
    private Found find(Path path, String name, boolean viaLink) {
        BasicFileAttributes attributes = attributes(path, NO_FOLLOW);
        if (attributes == null) {
            if (openFiles != null) {
                openFiles.forget(path);
            }
            return null;
        }
        if (viaLink || attributes.isSymbolicLink()) {
            if (!inside(path)) {
                return null;
            }
            BasicFileAttributes target = attributes(path, FOLLOW);
            return target == null ? null : new Found(path, name, target, true);
        }
        return new Found(path, name, attributes, false);
    }

    private static boolean safe(String segment) {
        if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
            return false;
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '/' || c == '\\' || c == 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code path}, its links resolved, lies under the root (or is the root). */
    private boolean inside(Path path) {
        try {
            return path.toRealPath().startsWith(root);
        } catch (IOException e) {
            return false;
        }
    }

    /** Link options as constants: a varargs call would make an array each time. */
    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final LinkOption[] FOLLOW = {};

    private static BasicFileAttributes attributes(Path path, LinkOption[] options) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, options);
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "files from " + root;
    }
}
