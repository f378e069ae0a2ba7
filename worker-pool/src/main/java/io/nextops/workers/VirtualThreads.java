package io.nextops.workers;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ThreadFactory;

/**
 * Builds a virtual-thread factory through method handles, so that the module compiles with release 17 and fails
 * with a clear message when run on a JDK without virtual threads.
 *
 * <p>Thread-safe (stateless).
 */
final class VirtualThreads {

    static final int MIN_FEATURE = 21;

    private VirtualThreads() {
    }

    static boolean available() {
        return Runtime.version().feature() >= MIN_FEATURE;
    }

    /** {@code Thread.ofVirtual().name(prefix, 1).factory()}. */
    static ThreadFactory factory(String poolName, String threadPrefix) {
        int feature = Runtime.version().feature();
        if (feature < MIN_FEATURE) {
            throw new WorkerPoolException("worker-pool[" + poolName + "] - virtual threads need Java "
                    + MIN_FEATURE + "+, running " + feature + "; use mode PLATFORM");
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> builder = Class.forName("java.lang.Thread$Builder");
            Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
            MethodHandle create = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtual));
            MethodHandle name = lookup.findVirtual(ofVirtual, "name",
                    MethodType.methodType(ofVirtual, String.class, long.class));
            MethodHandle factory = lookup.findVirtual(builder, "factory", MethodType.methodType(ThreadFactory.class));
            Object named = name.invoke(create.invoke(), threadPrefix, 1L);
            return (ThreadFactory) factory.invoke(named);
        } catch (Throwable e) {
            throw new WorkerPoolException("worker-pool[" + poolName + "] - cannot create virtual threads on Java "
                    + feature + ": " + e, e);
        }
    }
}
