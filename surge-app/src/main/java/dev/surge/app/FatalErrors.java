package dev.surge.app;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntConsumer;

/**
 * What {@code surge run} does when the JVM itself fails a thread (an {@link OutOfMemoryError},
 * a {@link StackOverflowError}: any {@link VirtualMachineError} no code caught): it says so and
 * ends the process with status 3, as {@code -XX:+ExitOnOutOfMemoryError} would, so that a
 * supervisor starts a fresh one. Left alone, an event loop killed that way takes its
 * connections' traffic with it while the process lives on and its admin listener, on other
 * threads, may still report it ready. Unlike that JVM flag, an error a handler catches (its
 * request answered 500) ends nothing. Other uncaught exceptions are printed, as the JVM's own
 * handler prints them.
 */
final class FatalErrors implements Thread.UncaughtExceptionHandler {
    static final int EXIT_STATUS = 3;
    private static final byte[] FATAL = ("surge: the JVM failed a thread (out of memory or of stack); exiting with status "
            + EXIT_STATUS + " rather than serve on without it\n").getBytes(StandardCharsets.US_ASCII);

    private final PrintStream out;
    private final IntConsumer halt;

    FatalErrors(PrintStream out, IntConsumer halt) {
        this.out = out;
        this.halt = halt;
    }

    /** For this process: to standard error, ending it with {@link Runtime#halt} (no shutdown hooks: they may need the memory that ran out). */
    static FatalErrors forThisProcess() {
        return new FatalErrors(System.err, status -> Runtime.getRuntime().halt(status));
    }

    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        if (error instanceof VirtualMachineError) {
            try {
                // Saying so needs memory, which may be what ran out: first the words made in
                // advance, then which thread and error if there is room; the process ends all the same.
                out.write(FATAL, 0, FATAL.length);
                out.flush();
                out.println("surge: thread \"" + thread.getName() + "\" died of " + error);
                out.flush();
            } finally {
                halt.accept(EXIT_STATUS);
            }
            return;
        }
        out.print("Exception in thread \"" + thread.getName() + "\" ");
        error.printStackTrace(out);
    }
}
