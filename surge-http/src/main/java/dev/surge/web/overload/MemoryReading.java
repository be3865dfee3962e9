package dev.surge.web.overload;

import io.netty.util.internal.PlatformDependent;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

/** What the {@link MemoryGuard} reads: the share of each maximum in use, from 0 to 1, or NaN when unknown. */
interface MemoryReading {

    /** The heap in use right after the latest collection of each of its pools, over the heap's maximum. */
    double heapAfterGc();

    /** Direct (off-heap) buffer memory in use, Netty's and the JDK's, over the maximum direct memory. */
    double direct();

    /** How many garbage collections have run so far (any collector), or -1 when unknown. */
    default long collections() {
        return -1;
    }

    /** Asks for a full collection, so that the heap-after-GC reading is of now. */
    default void collect() {
    }

    /** This JVM's memory, read through its management beans and Netty's counter; they are looked up on the first reading. */
    MemoryReading JVM = new MemoryReading() {
        @Override
        public double heapAfterGc() {
            return JvmMemory.INSTANCE.heapAfterGc();
        }

        @Override
        public double direct() {
            return JvmMemory.INSTANCE.direct();
        }

        @Override
        public long collections() {
            long sum = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                sum += Math.max(0, gc.getCollectionCount());
            }
            return sum;
        }

        @Override
        public void collect() {
            System.gc();
        }
    };

    /** The management beans, found once, when the class is first used (by the watchdog, not on start). */
    final class JvmMemory {
        static final JvmMemory INSTANCE = new JvmMemory();

        private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported()).toList();
        private final BufferPoolMXBean directPool = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(p -> p.getName().equals("direct")).findFirst().orElse(null);

        private JvmMemory() {
        }

        double heapAfterGc() {
            long max = Runtime.getRuntime().maxMemory();
            if (max == Long.MAX_VALUE || max <= 0) {
                return Double.NaN;
            }
            long used = 0;
            for (MemoryPoolMXBean pool : heapPools) {
                MemoryUsage afterGc = pool.getCollectionUsage();
                if (afterGc != null) {
                    used += afterGc.getUsed();
                }
            }
            return (double) used / max;
        }

        double direct() {
            long max = PlatformDependent.maxDirectMemory();
            if (max <= 0) {
                return Double.NaN;
            }
            // Buffers with a cleaner, Netty's among them, are in the JDK's pool; Netty's
            // cleaner-less ones only in its own counter.
            long used = directPool == null ? 0 : directPool.getMemoryUsed();
            if (PlatformDependent.useDirectBufferNoCleaner()) {
                used += Math.max(0, PlatformDependent.usedDirectMemory());
            }
            return (double) used / max;
        }
    }
}
