package dev.surge.web.files;

import dev.surge.http.codec.HttpDates;
import dev.surge.web.Context;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The HTML list of a directory's entries, for {@link FileOptions#listing}: directories first,
 * then files, each by name, with size and modification time. Names are HTML-escaped in the
 * text and percent-encoded in the links, so no file name can inject markup.
 */
final class DirectoryListing {
    /** Entries listed at most; a larger directory's list says how many were left out. */
    static final int MAX_ENTRIES = 10_000;

    private DirectoryListing() {
    }

    private record Entry(String name, boolean directory, long size, long modified) {
    }

    static void answer(Context ctx, Path dir, Path root) {
        List<Entry> entries = new ArrayList<>();
        int skipped = 0;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path child : stream) {
                if (entries.size() >= MAX_ENTRIES) {
                    skipped++;
                    continue;
                }
                try {
                    BasicFileAttributes a = Files.readAttributes(child, BasicFileAttributes.class);
                    entries.add(new Entry(child.getFileName().toString(), a.isDirectory(), a.size(),
                            a.lastModifiedTime().toMillis() / 1000));
                } catch (IOException e) {
                    // A dangling link, or an entry gone since the directory was read: not listed.
                }
            }
        } catch (IOException e) {
            FileSender.notFound(ctx);
            return;
        }
        entries.sort(Comparator.comparing((Entry e) -> !e.directory()).thenComparing(Entry::name));
        String title = escape(ctx.path());
        StringBuilder html = new StringBuilder(256 + entries.size() * 120)
                .append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Index of ").append(title)
                .append("</title></head>\n<body><h1>Index of ").append(title).append("</h1>\n<table>\n");
        if (!dir.equals(root)) {
            html.append("<tr><td><a href=\"../\">../</a></td><td></td><td></td></tr>\n");
        }
        for (Entry e : entries) {
            String shown = e.name() + (e.directory() ? "/" : "");
            html.append("<tr><td><a href=\"").append(link(e.name())).append(e.directory() ? "/" : "").append("\">")
                    .append(escape(shown)).append("</a></td><td>").append(e.directory() ? "-" : Long.toString(e.size()))
                    .append("</td><td>").append(HttpDates.format(e.modified())).append("</td></tr>\n");
        }
        html.append("</table>\n");
        if (skipped > 0) {
            html.append("<p>").append(skipped).append(" more entries not listed</p>\n");
        }
        html.append("</body></html>\n");
        ctx.html(html.toString());
    }

    /** A relative link to a name: percent-encoded, spaces as %20, and never read as a scheme. */
    private static String link(String name) {
        return "./" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
