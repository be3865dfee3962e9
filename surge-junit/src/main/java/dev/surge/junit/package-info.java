/**
 * Checks every test of every module runs under: {@link dev.surge.junit.LeakCheck} (threads,
 * virtual ones included, and Netty buffers left behind fail the test) and
 * {@link dev.surge.junit.AllocationBudget} (bytes a piece of code may allocate), with the
 * scripted server tests use as a misbehaving peer. Exported. It may use JUnit's extension API,
 * Netty's leak detection and the JDK's management API; it depends on no other Surge module.
 */
package dev.surge.junit;
