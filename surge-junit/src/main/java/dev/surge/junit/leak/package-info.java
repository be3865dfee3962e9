/**
 * The buffer half of the leak check, internal: Netty's leak detector replaced by one that ties
 * each tracked buffer to the test that allocated it ({@link dev.surge.junit.leak.TrackingLeakDetector},
 * named to Netty by {@code -Dio.netty.customResourceLeakDetector}), and the scopes it records in.
 * Exported only to Netty, which makes the detector by reflection; {@code dev.surge.junit.LeakCheck}
 * reads it. It may use Netty's leak detection and the JDK.
 */
package dev.surge.junit.leak;
