/**
 * Testing Surge services with JUnit 5: {@link dev.surge.testing.SurgeTest} serves a test class's
 * routes on a free port and hands its tests a {@link dev.surge.testing.TestClient} pointed at
 * them. Exported. It may use the public API of surge-http, JUnit's extension API and Netty (for
 * the client, behind its own types).
 */
package dev.surge.testing;
