package dev.surge.testing;

/** {@link RoutingTests} against a server on 127.0.0.1. */
@SurgeTest
class RoutingOverNetworkTest extends RoutingTests {
}
