package dev.surge.testing;

/** {@link RoutingTests} against the same routes served in memory, with no socket. */
@SurgeTest(inMemory = true)
class RoutingInMemoryTest extends RoutingTests {
}
