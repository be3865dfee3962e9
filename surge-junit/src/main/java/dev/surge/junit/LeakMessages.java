package dev.surge.junit;

import dev.surge.junit.leak.LeakRecords;

import java.util.List;

/**
 * What {@link LeakCheck} says when a test leaks: what was left, which test it blames, and what
 * to do, with the stacks or Netty's records that point at the code.
 */
final class LeakMessages {
    private static final int FRAMES = 8;
    private static final int RESOURCES_SHOWN = 5;

    /** A resource left unreleased, with Netty's records of it taken at the deadline. */
    record Unreleased(String type, String records) {
    }

    private LeakMessages() {
    }

    static String threads(List<LiveThread> threads, String culprit, long waitMillis) {
        int n = threads.size();
        StringBuilder out = new StringBuilder().append(n).append(n == 1 ? " thread" : " threads")
                .append(" started during ").append(culprit).append(n == 1 ? " is" : " are").append(" still running ")
                .append(waitMillis).append(" ms after it ended; close what started ").append(n == 1 ? "it" : "them")
                .append(" (server, client, executor) or join ").append(n == 1 ? "it" : "them")
                .append(" before the test returns:");
        for (LiveThread t : threads) {
            out.append('\n').append(t.describe("  ", FRAMES));
        }
        return out.toString();
    }

    static String resources(List<Unreleased> left, String culprit, long waitMillis) {
        int n = left.size();
        List<String> types = left.stream().map(Unreleased::type).distinct().sorted().toList();
        String what = types.size() == 1 ? types.getFirst() + (n == 1 ? "" : "s")
                : "resources (" + String.join(", ", types) + ")";
        StringBuilder out = new StringBuilder().append(n).append(' ').append(what).append(" allocated during ")
                .append(culprit).append(n == 1 ? " was" : " were").append(" not released ").append(waitMillis)
                .append(" ms after it ended; release() each one, or close what owns it, before the test returns.")
                .append(" Netty's records of ").append(n == 1 ? "it" : "them").append(':');
        for (int i = 0; i < Math.min(n, RESOURCES_SHOWN); i++) {
            Unreleased u = left.get(i);
            out.append("\n  ").append(u.type()).append(' ').append(i + 1).append(" of ").append(n).append(":\n")
                    .append(LeakRecords.trimmed(u.records(), "    "));
        }
        if (n > RESOURCES_SHOWN) {
            out.append("\n  ... and ").append(n - RESOURCES_SHOWN).append(" more");
        }
        return out.toString();
    }

    static String unpooledHeap(long bytes, String culprit, long waitMillis) {
        return bytes + " bytes of unpooled heap buffers allocated during " + culprit + " were not released "
                + waitMillis + " ms after it ended; release() each one before the test returns. Netty keeps no"
                + " record of where these were allocated: look for Unpooled.buffer, Unpooled.copiedBuffer and"
                + " UnpooledByteBufAllocator heapBuffer calls whose buffers are not released.";
    }

    static String nettyReport(String report, String culprit) {
        return "Netty reported a leak during " + culprit + " (the buffer may have been allocated earlier, outside"
                + " any test's watch): " + report;
    }
}
