package dev.surge.load;

import dev.surge.client.Target;
import dev.surge.client.wire.IoLoops;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs one load: checks the target answers a connection, spreads the lanes over the event
 * loops, loads for the warm-up and forgets what it measured, then gathers each loop's figures
 * once a second on that loop, and stops at the end of the duration (or when --requests are
 * all answered).
 */
final class LoadRun {
    private LoadRun() {
    }

    /**
     * @param onSecond told about every whole second, on the calling thread
     * @throws UsageException when the target cannot be reached at all
     */
    static LoadResult run(LoadOptions options, Consumer<Second> onSecond) throws UsageException, InterruptedException {
        if (options.cpuOf() > 0) {
            ProcessCpu.of(options.cpuOf());
        }
        LoadPlan plan = LoadPlan.of(options);
        preflight(plan.target(), options);
        Budget budget = new Budget(options.requests());
        IoLoops loops;
        try {
            loops = IoLoops.open(options.threads(), "surge-load", options.transport());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        try {
            return run(options, plan, budget, loops, onSecond);
        } finally {
            loops.close();
        }
    }

    private static LoadResult run(LoadOptions options, LoadPlan plan, Budget budget, IoLoops loops, Consumer<Second> onSecond)
            throws InterruptedException, UsageException {
        Bootstrap bootstrap = new Bootstrap().group(loops.group()).channel(loops.channel());
        long cpuAtStart = processCpuNanos();
        long start = System.nanoTime();
        List<LoopDriver> drivers = drivers(options, plan, budget, loops, bootstrap, start);
        for (LoopDriver d : drivers) {
            onLoop(d, d::start);
        }
        long[] dueAtStart = new long[drivers.size()];
        if (!options.warmup().isZero() && await(budget, start + options.warmup().toNanos())) {
            Snapshot discarded = new Snapshot();
            long now = System.nanoTime();
            for (int i = 0; i < drivers.size(); i++) {
                LoopDriver d = drivers.get(i);
                int index = i;
                onLoop(d, () -> {
                    d.stats.drainInto(discarded);
                    dueAtStart[index] = d.dueBy(now);
                });
            }
        }
        // Without a warm-up, the figures count from the start, connecting included.
        long t0 = options.warmup().isZero() ? start : System.nanoTime();
        long cpu0 = options.warmup().isZero() ? cpuAtStart : processCpuNanos();
        long alloc0 = allocated(drivers);
        ProcessCpu watched0 = options.cpuOf() > 0 ? ProcessCpu.of(options.cpuOf()) : null;
        long end = t0 + options.duration().toNanos();
        Snapshot total = new Snapshot();
        List<Second> timeline = new ArrayList<>();
        for (int s = 1; ; s++) {
            long wake = Math.min(end, t0 + s * 1_000_000_000L);
            if (!await(budget, wake)) {
                break; // every --requests answered
            }
            if (wake == end) {
                break;
            }
            Snapshot second = new Snapshot();
            for (LoopDriver d : drivers) {
                onLoop(d, () -> d.stats.drainInto(second));
            }
            total.add(second);
            Second sec = new Second(s, second.responses, second.latency.getValueAtPercentile(50),
                    second.latency.getValueAtPercentile(99), second.errorCount(), second.non2xx());
            timeline.add(sec);
            // The live line: this second's rate, and the run's p99 and errors so far.
            onSecond.accept(new Second(s, second.responses, total.latency.getValueAtPercentile(50),
                    total.latency.getValueAtPercentile(99), total.errorCount(), total.non2xx()));
        }
        long stop = System.nanoTime();
        ProcessCpu watched = watched0 == null ? null : watchedSince(options.cpuOf(), watched0);
        int lastSecond = timeline.size() + 1;
        Snapshot last = new Snapshot();
        long[] scheduled = new long[2];
        for (int i = 0; i < drivers.size(); i++) {
            LoopDriver d = drivers.get(i);
            long before = dueAtStart[i];
            onLoop(d, () -> {
                d.stop();
                d.stats.drainInto(last);
                scheduled[0] += d.dueBy(stop) - before;
                scheduled[1] += d.backlog(stop);
            });
        }
        total.add(last);
        double rest = (stop - t0) / 1e9 - timeline.size();
        if (rest >= 0.5) { // the last stretch, when it is most of a second, is a second of the timeline too
            timeline.add(new Second(lastSecond, last.responses / rest, last.latency.getValueAtPercentile(50),
                    last.latency.getValueAtPercentile(99), last.errorCount(), last.non2xx()));
        }
        long cpu = cpu0 < 0 ? -1 : processCpuNanos() - cpu0;
        long alloc = alloc0 < 0 ? -1 : allocated(drivers) - alloc0;
        return new LoadResult(options, loops.transport(), stop - t0, total, timeline,
                options.openLoop() ? scheduled[0] : total.sent, options.openLoop() ? scheduled[1] : 0, cpu, alloc, watched);
    }

    /** The lanes, dealt round-robin over the loops; in an open loop, request k falls due at t0 + k / rate. */
    private static List<LoopDriver> drivers(LoadOptions options, LoadPlan plan, Budget budget, IoLoops loops,
                                            Bootstrap bootstrap, long t0) {
        List<EventLoop> eventLoops = new ArrayList<>();
        for (EventExecutor e : loops.group()) {
            eventLoops.add((EventLoop) e);
        }
        List<List<Lane>> lanes = new ArrayList<>();
        eventLoops.forEach(l -> lanes.add(new ArrayList<>()));
        double gap = options.openLoop() ? 1e9 / options.rate() : 0;
        for (int i = 0; i < options.connections(); i++) {
            long first = t0 + 10_000_000L + (long) (i * gap); // 10 ms for the connections to open
            lanes.get(i % eventLoops.size()).add(new Lane(first, (long) (gap * options.connections())));
        }
        List<LoopDriver> drivers = new ArrayList<>();
        for (int i = 0; i < eventLoops.size(); i++) {
            drivers.add(new LoopDriver(eventLoops.get(i), plan, budget, bootstrap, lanes.get(i)));
        }
        return drivers;
    }

    /** Waits until {@code deadline}; false when the budget was spent first. */
    private static boolean await(Budget budget, long deadline) throws InterruptedException {
        long wait = deadline - System.nanoTime();
        if (!budget.limited()) {
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            return true;
        }
        try {
            budget.done.get(Math.max(0, wait), TimeUnit.NANOSECONDS);
            return false;
        } catch (TimeoutException e) {
            return true;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void onLoop(LoopDriver d, Runnable task) throws InterruptedException {
        try {
            d.loop.submit(task).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the load's event loop failed", e.getCause());
        }
    }

    /** Fails with a one-line reason when not even one connection to the target opens. */
    private static void preflight(Target target, LoadOptions options) throws UsageException {
        int millis = (int) Math.min(5_000, Math.max(1, options.timeout().toMillis()));
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(target.host(), target.port()), millis);
        } catch (UnknownHostException e) {
            throw new UsageException("unknown host '" + target.host() + "'; check the URL");
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new UsageException("cannot connect to " + target.authority() + " (" + why + "); is the server running?");
        }
    }

    /** The watched process's CPU time since {@code start}; null when it ended during the run (no figure, but the report). */
    private static ProcessCpu watchedSince(long pid, ProcessCpu start) {
        try {
            return ProcessCpu.of(pid).minus(start);
        } catch (UsageException gone) {
            return null;
        }
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static long allocated(List<LoopDriver> drivers) {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads)
                || !threads.isThreadAllocatedMemoryEnabled()) {
            return -1;
        }
        long sum = 0;
        for (LoopDriver d : drivers) {
            long b = threads.getThreadAllocatedBytes(d.threadId);
            if (b < 0) {
                return -1;
            }
            sum += b;
        }
        return sum;
    }
}
