package dev.surge.app;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A thread killed by the JVM's own failure ends {@code surge run}; other uncaught exceptions are only printed. */
class FatalErrorsTest {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final List<Integer> halted = new ArrayList<>();
    private final FatalErrors handler = new FatalErrors(new PrintStream(printed, true, StandardCharsets.UTF_8), halted::add);

    @Test
    void anOutOfMemoryErrorThatKillsAThreadEndsTheProcessWithStatusThree() throws Exception {
        Thread loop = Thread.ofPlatform().name("surge-io-2-1").uncaughtExceptionHandler(handler).start(() -> {
            throw new OutOfMemoryError("Java heap space");
        });
        loop.join();
        assertEquals(List.of(3), halted);
        String said = printed.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("thread \"surge-io-2-1\" died of java.lang.OutOfMemoryError: Java heap space"), said);
        assertTrue(said.startsWith("surge: the JVM failed a thread (out of memory or of stack); exiting with status 3"), said);
    }

    @Test
    void aStackOverflowIsFatalToo() {
        handler.uncaughtException(Thread.currentThread(), new StackOverflowError());
        assertEquals(List.of(3), halted);
    }

    @Test
    void anOrdinaryExceptionIsPrintedAndEndsNothing() {
        handler.uncaughtException(Thread.currentThread(), new IllegalStateException("a bug in a thread of the app's"));
        assertEquals(List.of(), halted);
        String said = printed.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("Exception in thread \"" + Thread.currentThread().getName() + "\" "
                + "java.lang.IllegalStateException: a bug in a thread of the app's"), said);
        // A frame reads "at surge.app@VERSION/dev.surge.app..." on the module path, "at dev.surge.app..." off it.
        assertTrue(said.contains("dev.surge.app.FatalErrorsTest.anOrdinaryExceptionIsPrintedAndEndsNothing("), "with its stack: " + said);
    }
}
