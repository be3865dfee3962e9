package dev.surge.web;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A cookie to set (RFC 6265 §4.1): {@code Cookie.of("session", id).path("/").httpOnly(true)
 * .secure(true).sameSite("Lax").maxAge(Duration.ofHours(1))}. Names must be tokens and
 * values cookie-octets (no space, comma, semicolon, backslash or double quote); anything
 * else is refused when the cookie is made, so no header can be split.
 */
public record Cookie(String name, String value, String path, String domain, Duration maxAge,
                     boolean secure, boolean httpOnly, String sameSite) {

    public Cookie {
        if (name == null || name.isEmpty() || !name.chars().allMatch(Cookie::isTokenChar)) {
            throw new IllegalArgumentException("cookie name '" + name + "' must be a non-empty token");
        }
        if (value == null || !value.chars().allMatch(Cookie::isCookieOctet)) {
            throw new IllegalArgumentException("cookie value of '" + name
                    + "' may not hold spaces, commas, semicolons, backslashes, quotes or controls");
        }
        attribute("path", path);
        attribute("domain", domain);
        if (sameSite != null && !List.of("strict", "lax", "none").contains(sameSite.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("SameSite must be Strict, Lax or None, got '" + sameSite + "'");
        }
    }

    /** A session cookie with no attributes. */
    public static Cookie of(String name, String value) {
        return new Cookie(name, value, null, null, null, false, false, null);
    }

    public Cookie path(String path) {
        return new Cookie(name, value, path, domain, maxAge, secure, httpOnly, sameSite);
    }

    public Cookie domain(String domain) {
        return new Cookie(name, value, path, domain, maxAge, secure, httpOnly, sameSite);
    }

    /** Max-Age; zero or negative asks the browser to delete the cookie. */
    public Cookie maxAge(Duration maxAge) {
        return new Cookie(name, value, path, domain, maxAge, secure, httpOnly, sameSite);
    }

    public Cookie secure(boolean secure) {
        return new Cookie(name, value, path, domain, maxAge, secure, httpOnly, sameSite);
    }

    public Cookie httpOnly(boolean httpOnly) {
        return new Cookie(name, value, path, domain, maxAge, secure, httpOnly, sameSite);
    }

    public Cookie sameSite(String sameSite) {
        return new Cookie(name, value, path, domain, maxAge, secure, httpOnly, sameSite);
    }

    /** The value of a {@code Set-Cookie} header for this cookie. */
    public String toSetCookie() {
        StringBuilder out = new StringBuilder(name).append('=').append(value);
        if (path != null) {
            out.append("; Path=").append(path);
        }
        if (domain != null) {
            out.append("; Domain=").append(domain);
        }
        if (maxAge != null) {
            out.append("; Max-Age=").append(Math.max(0, maxAge.toSeconds()));
        }
        if (secure) {
            out.append("; Secure");
        }
        if (httpOnly) {
            out.append("; HttpOnly");
        }
        if (sameSite != null) {
            out.append("; SameSite=").append(Character.toUpperCase(sameSite.charAt(0)))
                    .append(sameSite.substring(1).toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }

    /**
     * The cookies of {@code Cookie} header values ({@code a=1; b=2}); the first of a name
     * wins, as browsers send the most specific first. Malformed pairs are skipped; a quoted
     * value loses its quotes.
     */
    static Map<String, String> parseRequestCookies(List<String> headerValues) {
        Map<String, String> cookies = new HashMap<>();
        for (String header : headerValues) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String name = pair.substring(0, eq).strip();
                String value = pair.substring(eq + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                if (!name.isEmpty()) {
                    cookies.putIfAbsent(name, value);
                }
            }
        }
        return cookies;
    }

    private static void attribute(String what, String v) {
        if (v != null && (v.isEmpty() || !v.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ';'))) {
            throw new IllegalArgumentException("cookie " + what + " '" + v + "' must be visible ASCII without ';'");
        }
    }

    private static boolean isTokenChar(int c) {
        return c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }

    private static boolean isCookieOctet(int c) {
        return c == 0x21 || c >= 0x23 && c <= 0x2B || c >= 0x2D && c <= 0x3A || c >= 0x3C && c <= 0x5B
                || c >= 0x5D && c <= 0x7E;
    }
}
