package dev.surge.web;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Gives each request an id: the client's {@code X-Request-Id} when it is 1-128 visible ASCII
 * characters (so a log line cannot be forged or flooded with it), else 16 random hex digits.
 */
final class RequestIds implements Middleware, LoopSafe {
    static final String HEADER = "X-Request-Id";
    static final RequestIds MIDDLEWARE = new RequestIds();
    private static final int MAX_LENGTH = 128;

    private RequestIds() {
    }

    @Override
    public void handle(Context ctx, Handler next) throws Exception {
        String id = ctx.header(HEADER).filter(RequestIds::acceptable).orElseGet(RequestIds::newId);
        ctx.requestId(id);
        next.handle(ctx);
    }

    static boolean acceptable(String id) {
        if (id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    static String newId() {
        String hex = Long.toHexString(ThreadLocalRandom.current().nextLong());
        return "0".repeat(16 - hex.length()) + hex;
    }
}
