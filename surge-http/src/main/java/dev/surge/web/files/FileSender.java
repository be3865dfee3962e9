package dev.surge.web.files;

import dev.surge.http.Method;
import dev.surge.http.codec.HttpDates;
import dev.surge.web.Context;
import dev.surge.web.internal.ContextAccess;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * Answers a request with a regular file, following HTTP's rules for validators, conditional
 * requests and ranges (RFC 9110 §8.8, §13, §14):
 * <ul>
 *   <li>Content-Type by extension, Content-Length, Last-Modified, a strong ETag (modification
 *       time in nanoseconds and size), {@code Accept-Ranges: bytes};</li>
 *   <li>preconditions in the RFC's order: If-Match, else If-Unmodified-Since (412); then
 *       If-None-Match, else If-Modified-Since (304 for GET and HEAD);</li>
 *   <li>a single byte range on GET gives 206 with Content-Range, unless If-Range names another
 *       version; a range that starts past the end gives 416; anything else the whole file;</li>
 *   <li>with precompression on, {@code NAME.gz} beside the file goes to a client that accepts
 *       gzip, as its own representation (own ETag, {@code Content-Encoding: gzip},
 *       {@code Vary: Accept-Encoding}).</li>
 * </ul>
 * The file is opened only when its bytes are sent, and the response owns it from then on.
 */
final class FileSender {
    private FileSender() {
    }

    /**
     * Answers {@code ctx} with {@code file}, whose attributes were just read; {@code name}, its
     * decoded file name as asked for, gives the Content-Type. {@code gzip} is the
     * precompressed sibling to send instead, found for a client that accepts gzip, or null; {@code openFiles} the cache of open small
     * files to take the descriptor from, or null to open it for this response.
     */
    static void send(Context ctx, Path file, String name, BasicFileAttributes attributes, Sibling gzip,
                     FileOptions options, OpenFiles openFiles) {
        boolean compressed = gzip != null;  // offered only to a client that accepts gzip
        Path sent = compressed ? gzip.path() : file;
        BasicFileAttributes attrs = compressed ? gzip.attributes() : attributes;
        long size = attrs.size();
        long modified = attrs.lastModifiedTime().to(TimeUnit.SECONDS);
        String etag = etag(attrs, compressed);
        String lastModified = HttpDates.format(modified);

        ctx.header("Last-Modified", lastModified).header("ETag", etag);
        if (options.maxAge() != null) {
            ctx.header("Cache-Control", "public, max-age=" + options.maxAge().toSeconds());
        }
        if (gzip != null) {
            ctx.header("Vary", "Accept-Encoding");
        }
        Method method = ctx.method();
        if (!preconditionsHold(ctx, etag, modified)) {
            ctx.status(412).text("Precondition Failed: the file is at version " + etag + "\n");
            return;
        }
        if (notModified(ctx, etag, modified)) {
            ctx.status(304).noContent();
            return;
        }
        if (compressed) {
            ctx.header("Content-Encoding", "gzip");
        }
        ctx.header("Accept-Ranges", "bytes");
        ByteRange range = ByteRange.WHOLE;
        String rangeHeader = method == Method.GET ? ctx.header("Range").orElse(null) : null;
        if (rangeHeader != null && rangeStillValid(ctx, etag, lastModified)) {
            range = ByteRange.parse(rangeHeader, size);
        }
        if (range.kind() == ByteRange.Kind.UNSATISFIABLE) {
            ctx.status(416).header("Content-Range", "bytes */" + size)
                    .text("Range Not Satisfiable: the file has " + size + " bytes; asked for " + rangeHeader + "\n");
            return;
        }
        long position = 0;
        long count = size;
        if (range.satisfiable()) {
            position = range.first();
            count = range.length();
            ctx.status(206).header("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + size);
        }
        FileChannel channel;
        try {
            channel = openFiles == null ? null : openFiles.open(sent, attrs);
            if (channel == null) {
                channel = FileChannel.open(sent, StandardOpenOption.READ);
            }
        } catch (AccessDeniedException e) {
            ContextAccess.get().resetResponse(ctx);
            ctx.status(403).text("Forbidden: " + ctx.path() + " cannot be read\n");
            return;
        } catch (IOException e) {
            // Gone since its attributes were read, or not openable: as if it never was.
            notFound(ctx);
            return;
        }
        ContextAccess.get().answerFile(ctx, MediaTypes.of(name), channel, position, count);
    }

    /** Answers with {@code file} if it is a regular file (404 otherwise), with no precompressed sibling. */
    static void send(Context ctx, Path file, FileOptions options) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            notFound(ctx);
            return;
        }
        if (!attributes.isRegularFile()) {
            notFound(ctx);
            return;
        }
        Path fileName = file.getFileName();
        send(ctx, file, fileName == null ? "" : fileName.toString(), attributes, null, options, null);
    }

    /** 404, forgetting any header set for the file. */
    static void notFound(Context ctx) {
        ContextAccess.get().resetResponse(ctx);
        ctx.status(404).text("Not Found: " + ctx.path() + "\n");
    }

    /** A precompressed file beside the one asked for. */
    record Sibling(Path path, BasicFileAttributes attributes) {
    }

    /** A strong validator: it changes whenever the modification time or the size does. */
    static String etag(BasicFileAttributes attrs, boolean gzip) {
        return '"' + Long.toHexString(attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS)) + '-'
                + Long.toHexString(attrs.size()) + (gzip ? "-gz\"" : "\"");
    }

    /** If-Match, else If-Unmodified-Since (RFC 9110 §13.2.2 steps 1 and 2). */
    private static boolean preconditionsHold(Context ctx, String etag, long modified) {
        String ifMatch = joined(ctx, "If-Match");
        if (ifMatch != null) {
            return EntityTags.matches(ifMatch, etag, true);
        }
        String ifUnmodifiedSince = ctx.header("If-Unmodified-Since").orElse(null);
        if (ifUnmodifiedSince != null) {
            long since = HttpDates.parse(ifUnmodifiedSince);
            return since == Long.MIN_VALUE || modified <= since;
        }
        return true;
    }

    /** If-None-Match, else If-Modified-Since, for GET and HEAD (steps 3 and 4). */
    private static boolean notModified(Context ctx, String etag, long modified) {
        Method method = ctx.method();
        if (method != Method.GET && method != Method.HEAD) {
            return false;
        }
        String ifNoneMatch = joined(ctx, "If-None-Match");
        if (ifNoneMatch != null) {
            return EntityTags.matches(ifNoneMatch, etag, false);
        }
        String ifModifiedSince = ctx.header("If-Modified-Since").orElse(null);
        if (ifModifiedSince == null) {
            return false;
        }
        long since = HttpDates.parse(ifModifiedSince);
        // A date in the future is invalid (§13.1.3) and ignored.
        return since != Long.MIN_VALUE && since <= System.currentTimeMillis() / 1000 && modified <= since;
    }

    /** If-Range (§13.1.5): the range applies only to the version the client already holds part of. */
    private static boolean rangeStillValid(Context ctx, String etag, String lastModified) {
        String ifRange = ctx.header("If-Range").orElse(null);
        if (ifRange == null) {
            return true;
        }
        String value = ifRange.strip();
        if (value.startsWith("\"") || value.startsWith("W/")) {
            return value.equals(etag);  // strong comparison: a weak tag never matches
        }
        long date = HttpDates.parse(value);
        return date != Long.MIN_VALUE && value.equals(lastModified);
    }

    /** Every value of a list header, joined with commas, or null when it is absent. */
    private static String joined(Context ctx, String name) {
        String first = ctx.header(name).orElse(null);
        if (first == null) {
            return null;  // the common case, without the list
        }
        var values = ctx.headers(name);
        return values.size() == 1 ? first : String.join(",", values);
    }

    /** Whether an Accept-Encoding value accepts gzip (RFC 9110 §12.5.3), with a q-value above zero. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding.isEmpty()) {
            return false;  // the common case of a client that sends none, without splitting
        }
        double gzip = -1;
        double any = -1;
        for (String item : acceptEncoding.split(",")) {
            String[] parts = item.split(";");
            String coding = parts[0].strip().toLowerCase(java.util.Locale.ROOT);
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].strip();
                if (p.length() > 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
                    try {
                        q = Double.parseDouble(p.substring(2).strip());
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                gzip = Math.max(gzip, q);
            } else if (coding.equals("*")) {
                any = q;
            }
        }
        return gzip > 0 || gzip < 0 && any > 0;
    }
}
