package dev.surge.testing;

import dev.surge.web.App;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After a {@link SurgeTest} class has run, in either mode, none of the threads it started
 * (the server's event loop, the client's) is still alive.
 */
class NoThreadsLeftTest {

    @Test
    void network() throws InterruptedException {
        assertNoThreadsLeftBy(Network.class);
    }

    @Test
    void inMemory() throws InterruptedException {
        assertNoThreadsLeftBy(InMemory.class);
    }

    private static void assertNoThreadsLeftBy(Class<?> testClass) throws InterruptedException {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        KitRun run = KitRun.of(testClass);
        assertEquals(List.of(), run.failures());
        assertEquals(1, run.results().testEvents().succeeded().count());
        List<Thread> started = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.getName().startsWith("surge-"))
                .toList();
        for (Thread thread : started) {
            thread.join(1000); // the server's loop ends just after its termination is announced
        }
        List<String> alive = started.stream().filter(Thread::isAlive).map(Thread::getName).toList();
        assertTrue(alive.isEmpty(), "threads left running: " + alive);
    }

    /** Routes served and asked, so that both the server's and the client's threads started. */
    abstract static class Served {
        @SetUpRoutes
        static void routes(App app) {
            app.get("/hi", ctx -> ctx.text("hi"));
        }

        @Test
        void test(TestClient client) {
            assertEquals("hi", client.get("/hi").text());
        }
    }

    @SurgeTest
    @ExtendWith(KitOnly.class)
    static class Network extends Served {
    }

    @SurgeTest(inMemory = true)
    @ExtendWith(KitOnly.class)
    static class InMemory extends Served {
    }
}
