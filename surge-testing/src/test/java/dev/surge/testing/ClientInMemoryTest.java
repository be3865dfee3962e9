package dev.surge.testing;

/** {@link ClientTests} in memory. */
@SurgeTest(inMemory = true)
class ClientInMemoryTest extends ClientTests {
}
