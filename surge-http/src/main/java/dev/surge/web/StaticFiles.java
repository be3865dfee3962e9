package dev.surge.web;

import java.io.IOException;
import java.nio.file.Files;
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
final class StaticFiles implements Handler {
    private final Path root;
    private final FileOptions options;

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
    }

    @Override
    public void handle(Context ctx) {
        String raw = ctx.rawPathParam("*");
        Path path = raw == null ? root : resolve(raw);
        if (path == null) {
            FileSender.notFound(ctx);
            return;
        }
        BasicFileAttributes attributes = attributes(path);
        if (attributes == null || !inside(path)) {
            FileSender.notFound(ctx);
            return;
        }
        if (attributes.isDirectory()) {
            directory(ctx, path, raw == null || raw.isEmpty() || raw.endsWith("/") ? path : null);
            return;
        }
        if (!attributes.isRegularFile() || raw.endsWith("/")) {
            FileSender.notFound(ctx);
            return;
        }
        FileSender.send(ctx, path, attributes, precompressed(ctx, path), options);
    }

    /** 301 to the same path with a '/' added (the query kept): a directory's own path. */
    static void redirectToDirectory(Context ctx) {
        String query = ctx.request().query();
        ctx.status(301).header("Location", ctx.path() + "/" + (query == null || query.isEmpty() ? "" : "?" + query))
                .text("Moved Permanently: " + ctx.path() + "/\n");
    }

    private void directory(Context ctx, Path dir, Path withSlash) {
        if (withSlash == null) {
            redirectToDirectory(ctx);
            return;
        }
        if (options.indexFile() != null) {
            Path index = dir.resolve(options.indexFile());
            BasicFileAttributes attributes = attributes(index);
            if (attributes != null && attributes.isRegularFile() && inside(index)) {
                FileSender.send(ctx, index, attributes, precompressed(ctx, index), options);
                return;
            }
        }
        if (options.listing()) {
            DirectoryListing.answer(ctx, dir, root);
            return;
        }
        FileSender.notFound(ctx);
    }

    /** {@code NAME.gz} beside {@code file}, when the client may get it and it exists under the root. */
    private FileSender.Sibling precompressed(Context ctx, Path file) {
        if (!options.precompressed() || !FileSender.acceptsGzip(ctx.header("Accept-Encoding").orElse(""))) {
            return null;
        }
        Path gz = file.resolveSibling(file.getFileName() + ".gz");
        BasicFileAttributes attributes = attributes(gz);
        if (attributes == null || !attributes.isRegularFile() || !inside(gz)) {
            return null;
        }
        return new FileSender.Sibling(gz, attributes);
    }

    /**
     * The path below the root for the raw (percent-encoded) rest of the request path, or null
     * when a segment is unsafe. A trailing '/' is allowed (a directory).
     */
    Path resolve(String raw) {
        if (raw.isEmpty()) {
            return root;
        }
        Path path = root;
        int start = 0;
        int n = raw.length();
        while (start < n) {
            int slash = raw.indexOf('/', start);
            int end = slash < 0 ? n : slash;
            if (end == start) {
                return null;  // an empty segment: '//' or a leading '/'
            }
            String segment = PercentDecoding.path(raw.substring(start, end));
            if (!safe(segment)) {
                return null;
            }
            path = path.resolve(segment);
            start = end + 1;
        }
        return path;
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

    private static BasicFileAttributes attributes(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "files from " + root;
    }
}
