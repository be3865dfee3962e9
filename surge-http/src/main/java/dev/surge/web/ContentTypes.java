package dev.surge.web;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Reading parameters out of a request's Content-Type value. */
final class ContentTypes {
    private ContentTypes() {
    }

    /** The charset the request's Content-Type names, else UTF-8. */
    static Charset charset(dev.surge.http.Request request) {
        return request.header("Content-Type").map(ContentTypes::charset).orElse(StandardCharsets.UTF_8);
    }

    /** The charset the value names ({@code text/plain; charset=ISO-8859-1}), else UTF-8. */
    static Charset charset(String contentType) {
        for (String param : contentType.split(";")) {
            String p = param.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                String name = p.substring("charset=".length()).strip();
                if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                    name = name.substring(1, name.length() - 1);
                }
                try {
                    return Charset.forName(name);
                } catch (IllegalArgumentException e) {
                    throw new HttpException(415, "unsupported charset '" + name + "' in Content-Type");
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
