package dev.surge.web.files;

import dev.surge.web.Routes;
import dev.surge.web.internal.FilesAccess;

import java.time.Duration;

/**
 * How {@link Routes#files} serves a directory. Start from {@link #defaults()} and change what
 * you need: {@code FileOptions.defaults().maxAge(Duration.ofHours(1))}.
 *
 * @param indexFile     the file served for a directory's path (ending in '/'), or null for none;
 *                      default {@code index.html}
 * @param maxAge        sent as {@code Cache-Control: public, max-age=N}; null (the default) sends no
 *                      Cache-Control, and caches fall back on Last-Modified and ETag
 * @param listing       whether a directory without an index file is answered with a list of
 *                      its entries; off by default (404), so a directory's contents are not shown
 *                      by accident
 * @param precompressed whether {@code NAME.gz} is sent, with {@code Content-Encoding: gzip}, to a
 *                      client that accepts gzip, when it exists beside NAME; on by default
 * @param onEventLoop   whether files are looked up and opened on the event loop (the default; a
 *                      few microseconds on a local disk) rather than on a virtual thread per
 *                      request, which suits a network file system whose calls may block
 */
public record FileOptions(String indexFile, Duration maxAge, boolean listing, boolean precompressed,
                          boolean onEventLoop) {

    public FileOptions {
        if (indexFile != null && (indexFile.isEmpty() || indexFile.contains("/") || indexFile.contains("\\")
                || indexFile.equals(".") || indexFile.equals(".."))) {
            throw new IllegalArgumentException("index file must be a plain file name, got '" + indexFile + "'");
        }
        if (maxAge != null && maxAge.isNegative()) {
            throw new IllegalArgumentException("max-age must not be negative, got " + maxAge);
        }
    }

    /** index.html, no Cache-Control, no listing, precompressed siblings, on the event loop. */
    static {
        FilesAccess.lend(new FilesLender());
    }

    public static FileOptions defaults() {
        return new FileOptions("index.html", null, false, true, true);
    }

    public FileOptions indexFile(String name) {
        return new FileOptions(name, maxAge, listing, precompressed, onEventLoop);
    }

    public FileOptions maxAge(Duration age) {
        return new FileOptions(indexFile, age, listing, precompressed, onEventLoop);
    }

    public FileOptions listing(boolean on) {
        return new FileOptions(indexFile, maxAge, on, precompressed, onEventLoop);
    }

    public FileOptions precompressed(boolean on) {
        return new FileOptions(indexFile, maxAge, listing, on, onEventLoop);
    }

    public FileOptions onEventLoop(boolean on) {
        return new FileOptions(indexFile, maxAge, listing, precompressed, on);
    }
}
