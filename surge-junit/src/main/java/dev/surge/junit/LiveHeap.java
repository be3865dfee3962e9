package dev.surge.junit;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The objects live on the heap, by class, after a full collection: the JVM's class histogram,
 * what {@code jcmd PID GC.class_histogram} prints, read in-process. Two readings taken around
 * something that holds memory, such as connections kept open, tell what it holds:
 * <pre>{@code
 * LiveHeap open = LiveHeap.now();       // with 2,000 connections open
 * // close them
 * LiveHeap held = open.minus(LiveHeap.now());
 * System.out.println(held.describe(2_000, "connection", 3));
 * // 65.0 objects, 2967.1 bytes per connection; most: 2.0 x [I (305.8 bytes), ...
 * }</pre>
 * A reading keeps its counts outside the heap (a direct buffer), so that the readings a test
 * holds while it takes another count in that one for 4 objects and about 200 bytes each, not
 * for the tens of thousands of objects a histogram of every class would make. A reading stops
 * the JVM for a full collection: tens of milliseconds on a test's heap.
 */
public final class LiveHeap {
    /** A row as the JVM prints it, {@code "  12:  340  27200  java.lang.Foo (java.base@25)"}; diffs may be negative. */
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(-?\\d+)\\s+(-?\\d+)\\s+(\\S+)");

    /** The instances of one class and their shallow size, in all. */
    public record Count(long objects, long bytes) {
    }

    private final long objects;
    private final long bytes;
    /** The rows, in the histogram's format, as US-ASCII outside the heap. */
    private final ByteBuffer rows;

    private LiveHeap(long objects, long bytes, String rows) {
        this.objects = objects;
        this.bytes = bytes;
        byte[] text = rows.getBytes(StandardCharsets.US_ASCII);
        this.rows = ByteBuffer.allocateDirect(text.length).put(text).flip();
    }

    /** Collects garbage, then counts what is left. */
    public static LiveHeap now() {
        return parse(histogram());
    }

    /** Reads a class histogram as the JVM prints it ({@code GC.class_histogram}). */
    static LiveHeap parse(String histogram) {
        Map<String, Count> classes = rows(histogram);
        if (classes.isEmpty()) {
            throw new IllegalStateException("no class histogram in the JVM's answer: " + histogram);
        }
        return of(classes);
    }

    private static LiveHeap of(Map<String, Count> classes) {
        long objects = 0;
        long bytes = 0;
        StringBuilder rows = new StringBuilder(classes.size() * 48);
        for (Map.Entry<String, Count> row : classes.entrySet()) {
            Count count = row.getValue();
            objects += count.objects;
            bytes += count.bytes;
            rows.append("0: ").append(count.objects).append(' ').append(count.bytes).append(' ')
                    .append(row.getKey()).append('\n');
        }
        return new LiveHeap(objects, bytes, rows.toString());
    }

    private static Map<String, Count> rows(String text) {
        Map<String, Count> classes = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                Count count = new Count(Long.parseLong(row.group(1)), Long.parseLong(row.group(2)));
                // One name may come twice, from two class loaders: counted together.
                classes.merge(row.group(3), count, (a, b) -> new Count(a.objects + b.objects, a.bytes + b.bytes));
            }
        }
        return classes;
    }

    /** Instances in all. */
    public long objects() {
        return objects;
    }

    /** Their shallow sizes in all. */
    public long bytes() {
        return bytes;
    }

    /** The count of each class, by name (arrays as the JVM names them, e.g. {@code [B}). */
    public Map<String, Count> classes() {
        return rows(StandardCharsets.US_ASCII.decode(rows.duplicate()).toString());
    }

    /** What this reading holds beyond {@code other}, class by class; a class that shrank counts negative. */
    public LiveHeap minus(LiveHeap other) {
        Map<String, Count> diff = new HashMap<>(classes());
        other.classes().forEach((name, count) -> diff.merge(name, new Count(-count.objects, -count.bytes),
                (a, b) -> new Count(a.objects + b.objects, a.bytes + b.bytes)));
        diff.values().removeIf(count -> count.objects == 0 && count.bytes == 0);
        return of(diff);
    }

    /**
     * One line for a message: objects and bytes per {@code unit}, then the {@code top} classes
     * that hold the most bytes, per {@code unit} too.
     */
    public String describe(int units, String unit, int top) {
        List<Map.Entry<String, Count>> most = new ArrayList<>(classes().entrySet());
        most.sort(Comparator.comparingLong((Map.Entry<String, Count> e) -> e.getValue().bytes).reversed());
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%.1f objects, %.1f bytes per %s",
                (double) objects / units, (double) bytes / units, unit));
        for (int i = 0; i < Math.min(top, most.size()); i++) {
            Count count = most.get(i).getValue();
            line.append(i == 0 ? "; most: " : ", ").append(String.format(Locale.ROOT, "%.1f x %s (%.1f bytes)",
                    (double) count.objects / units, most.get(i).getKey(), (double) count.bytes / units));
        }
        return line.toString();
    }

    @Override
    public String toString() {
        return objects + " objects, " + bytes + " bytes";
    }

    private static String histogram() {
        try {
            return (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
        } catch (JMException e) {
            throw new IllegalStateException("this JVM gives no class histogram (the DiagnosticCommand MBean's"
                    + " gcClassHistogram); run the test on HotSpot", e);
        }
    }
}
