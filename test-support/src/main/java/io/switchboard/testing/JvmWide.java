package io.switchboard.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Calls the static methods of a holder class as loaded by the system class loader, so that its static
 * state exists once per JVM.
 * <p>
 * Quarkus 3.x loads {@code @QuarkusTest} classes and their test resources in one {@code QuarkusClassLoader} per
 * application (profile and resource set), so a plain static field would give each application its own broker, and
 * a test's {@code KafkaResource.stopBroker()} could reach a different copy than the one that started it. The system
 * class loader holds the whole test class path under Surefire and IDE runners and is never closed, so the broker's
 * threads keep a live class loader too. Holder methods therefore take and return JDK types only.
 * Threads the holder starts (the broker's) inherit its class loader as context loader.
 * When the system class loader cannot see this library (an unusual launcher), the caller's own copy is used.
 */
final class JvmWide {

    private JvmWide() {
    }

    static Object call(Class<?> holder, String method, Object... args) {
        Class<?> target = anchored(holder);
        Method found = null;
        for (Method candidate : target.getDeclaredMethods()) {
            if (candidate.getName().equals(method) && candidate.getParameterCount() == args.length) {
                found = candidate;
                break;
            }
        }
        if (found == null) {
            throw new IllegalStateException("No method " + method + " with " + args.length + " parameter(s) on " + target);
        }
        // Kafka loads plugin classes (metrics reporters, serializers) through the context class loader; a Quarkus
        // one would hand the anchored copy of kafka-clients classes it cannot cast ("JmxReporter is not a MetricsReporter").
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(target.getClassLoader());
        try {
            found.setAccessible(true);
            return found.invoke(null, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException(cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    static Class<?> anchored(Class<?> holder) {
        ClassLoader system = ClassLoader.getSystemClassLoader();
        if (holder.getClassLoader() == system) {
            return holder;
        }
        try {
            return Class.forName(holder.getName(), true, system);
        } catch (ClassNotFoundException | LinkageError e) {
            return holder;
        }
    }
}
