package dev.surge.testing;

/** {@link ClientTests} over a socket. */
@SurgeTest
class ClientOverNetworkTest extends ClientTests {
}
