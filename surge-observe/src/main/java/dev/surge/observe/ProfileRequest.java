package dev.surge.observe;

import dev.surge.web.Context;
import dev.surge.web.HttpException;

import java.util.List;

/**
 * The query of {@code /debug/profile}, checked: {@code seconds} (1 to 300, default 30),
 * {@code event} (cpu, alloc, lock or wall; default cpu) and {@code format} (jfr, the
 * default, or html, a flame graph from async-profiler). Anything else is a 400 that says
 * what is allowed.
 */
record ProfileRequest(int seconds, String event, String format) {
    static final int MAX_SECONDS = 300;
    static final List<String> EVENTS = List.of("cpu", "alloc", "lock", "wall");
    static final List<String> FORMATS = List.of("jfr", "html");

    static ProfileRequest of(Context ctx) {
        String secondsText = ctx.queryParam("seconds").orElse("30");
        int seconds;
        try {
            seconds = Integer.parseInt(secondsText);
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw HttpException.badRequest("seconds must be a whole number from 1 to " + MAX_SECONDS
                    + ", got '" + secondsText + "'");
        }
        String event = ctx.queryParam("event").orElse("cpu");
        if (!EVENTS.contains(event)) {
            throw HttpException.badRequest("event must be one of " + String.join(", ", EVENTS) + ", got '" + event + "'");
        }
        String format = ctx.queryParam("format").orElse("jfr");
        if (!FORMATS.contains(format)) {
            throw HttpException.badRequest("format must be jfr or html, got '" + format + "'");
        }
        return new ProfileRequest(seconds, event, format);
    }
}
