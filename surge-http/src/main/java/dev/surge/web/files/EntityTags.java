package dev.surge.web.files;

/**
 * Matching an entity tag against an If-Match or If-None-Match list (RFC 9110 §8.8.3.2):
 * {@code *} matches any current representation; the strong comparison (If-Match) needs both
 * tags strong and equal, the weak one (If-None-Match) ignores the {@code W/} prefixes.
 */
final class EntityTags {
    private EntityTags() {
    }

    static boolean matches(String list, String etag, boolean strong) {
        String value = list.strip();
        if (value.equals("*")) {
            return true;
        }
        int i = 0;
        int n = value.length();
        while (i < n) {
            while (i < n && (value.charAt(i) == ',' || value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
                i++;
            }
            if (i >= n) {
                break;
            }
            boolean weak = value.startsWith("W/", i);
            int open = weak ? i + 2 : i;
            if (open >= n || value.charAt(open) != '"') {
                return false;  // not a list of entity tags: no match
            }
            int close = value.indexOf('"', open + 1);
            if (close < 0) {
                return false;
            }
            if (!(strong && weak) && value.regionMatches(open, etag, 0, etag.length()) && close - open + 1 == etag.length()) {
                return true;
            }
            i = close + 1;
        }
        return false;
    }
}
