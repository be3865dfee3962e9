package dev.surge.junit;

import org.junit.jupiter.api.Test;

import java.lang.ref.Reference;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Readings of the live heap: what is held shows in its class, and a reading weighs little itself. */
class LiveHeapTest {
    /** Eight bytes of payload, so that its size is known apart from the header. */
    static final class Held {
        long value;
    }

    @Test
    void objectsHeldShowInTheirClasses() {
        int count = 10_000;
        LiveHeap before = LiveHeap.now();
        Held[] held = new Held[count];
        for (int i = 0; i < count; i++) {
            held[i] = new Held();
        }
        LiveHeap diff = LiveHeap.now().minus(before);
        Reference.reachabilityFence(held);
        LiveHeap.Count mine = diff.classes().get(Held.class.getName());
        assertEquals(count, mine.objects());
        long each = mine.bytes() / count;
        assertTrue(each >= 16 && mine.bytes() == each * count, mine.bytes() + " bytes");
        LiveHeap.Count array = diff.classes().get(Held[].class.getName());
        assertEquals(1, array.objects());
        assertTrue(array.bytes() >= 4L * count, array.bytes() + " bytes");
    }

    @Test
    void aReadingHeldWhileAnotherIsTakenCountsAsOneObjectOfItsOwn() {
        LiveHeap.now();
        LiveHeap first = LiveHeap.now();
        Map<String, LiveHeap.Count> diff = LiveHeap.now().minus(first).classes();
        // The first reading is in the second, as itself and its direct buffer; a histogram of
        // every class kept on the heap would add some 15,000 objects: names, counts, map nodes.
        assertEquals(new LiveHeap.Count(1, diff.get(LiveHeap.class.getName()).bytes()),
                diff.get(LiveHeap.class.getName()));
        assertNull(diff.get(LiveHeap.Count.class.getName()));
        assertTrue(first.classes().size() > 100, first.classes().size() + " classes");
    }

    @Test
    void readsTheJvmsHistogramAndSubtractsClassByClass() {
        LiveHeap before = LiveHeap.parse("""
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:           100           2400  java.lang.String (java.base@25.0.3)
                   2:            10            800  [B (java.base@25.0.3)
                   3:             1             16  dev.surge.Gone
                Total           111           3216
                """);
        assertEquals(111, before.objects());
        assertEquals(3216, before.bytes());
        LiveHeap after = LiveHeap.parse("""
                   1:           130           3120  java.lang.String (java.base@25.0.3)
                   2:            10            800  [B (java.base@25.0.3)
                   3:             4             96  dev.surge.Connection
                   4:             1             24  dev.surge.Connection
                Total           145           4040
                """);
        LiveHeap held = after.minus(before);
        assertEquals(Map.of("java.lang.String", new LiveHeap.Count(30, 720),
                "dev.surge.Connection", new LiveHeap.Count(5, 120),
                "dev.surge.Gone", new LiveHeap.Count(-1, -16)), held.classes());
        assertEquals(34, held.objects());
        assertEquals(824, held.bytes());
        assertEquals("17.0 objects, 412.0 bytes per connection; most: 15.0 x java.lang.String (360.0 bytes),"
                + " 2.5 x dev.surge.Connection (60.0 bytes)", held.describe(2, "connection", 2));
    }
}
