package dev.surge.web.files;

import dev.surge.http.ContentType;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The Content-Type of a file, from its extension: the types browsers and CDNs expect for web
 * content, with {@code charset=utf-8} on text, and application/octet-stream for the rest.
 * Each type's header line is encoded once.
 */
final class MediaTypes {
    private static final Map<String, ContentType> BY_EXTENSION = new HashMap<>();

    static {
        text("text/html", "html", "htm");
        text("text/css", "css");
        text("text/javascript", "js", "mjs");
        text("text/plain", "txt", "text", "log", "conf", "ini");
        text("text/csv", "csv");
        text("text/markdown", "md", "markdown");
        text("text/xml", "xml");
        text("text/calendar", "ics");
        text("text/vtt", "vtt");
        binary("application/json", "json", "map");
        binary("application/manifest+json", "webmanifest");
        binary("application/ld+json", "jsonld");
        binary("application/wasm", "wasm");
        binary("application/pdf", "pdf");
        binary("application/zip", "zip");
        binary("application/gzip", "gz", "tgz");
        binary("application/x-tar", "tar");
        binary("application/x-7z-compressed", "7z");
        binary("application/x-bzip2", "bz2");
        binary("application/xz", "xz");
        binary("application/zstd", "zst");
        binary("application/rtf", "rtf");
        binary("application/epub+zip", "epub");
        binary("image/png", "png");
        binary("image/jpeg", "jpg", "jpeg");
        binary("image/gif", "gif");
        binary("image/webp", "webp");
        binary("image/avif", "avif");
        binary("image/svg+xml", "svg");
        binary("image/x-icon", "ico");
        binary("image/bmp", "bmp");
        binary("image/tiff", "tif", "tiff");
        binary("font/woff", "woff");
        binary("font/woff2", "woff2");
        binary("font/ttf", "ttf");
        binary("font/otf", "otf");
        binary("audio/mpeg", "mp3");
        binary("audio/ogg", "ogg", "oga");
        binary("audio/wav", "wav");
        binary("audio/flac", "flac");
        binary("audio/aac", "aac");
        binary("video/mp4", "mp4", "m4v");
        binary("video/webm", "webm");
        binary("video/ogg", "ogv");
        binary("video/quicktime", "mov");
    }

    private MediaTypes() {
    }

    /** The type for a file name; application/octet-stream when the extension is unknown or absent. */
    static ContentType of(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0 || dot == fileName.length() - 1) {
            return ContentType.OCTET_STREAM;
        }
        ContentType type = BY_EXTENSION.get(fileName.substring(dot + 1));
        if (type == null) {
            type = BY_EXTENSION.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
        }
        return type == null ? ContentType.OCTET_STREAM : type;
    }

    private static void text(String type, String... extensions) {
        binary(type + "; charset=utf-8", extensions);
    }

    private static void binary(String type, String... extensions) {
        ContentType contentType = ContentType.of(type);
        for (String extension : extensions) {
            BY_EXTENSION.put(extension, contentType);
        }
    }
}
