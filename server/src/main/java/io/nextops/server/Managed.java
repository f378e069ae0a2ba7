package io.nextops.server;

import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * A part of the server with a lifecycle, as Dropwizard's {@code Managed}: {@link #start()} when the server starts,
 * {@link #stop()} when it stops. {@link NextOpsServer#create} adds them in dependency order; Jetty starts them in that
 * order and stops them in reverse, after in-flight requests have ended. Creating the server starts nothing.
 */
public interface Managed {
    void start() throws Exception;

    void stop() throws Exception;

    /** A part that needs no start and is closed on stop (a database opened before the server). */
    static Managed closing(AutoCloseable resource) {
        return new Managed() {
            @Override
            public void start() {
                // opened by its creator
            }

            @Override
            public void stop() throws Exception {
                resource.close();
            }
        };
    }

    /** {@code managed} as a Jetty bean named {@code name}. */
    static LifeCycle bean(String name, Managed managed) {
        return new AbstractLifeCycle() {
            @Override
            protected void doStart() throws Exception {
                managed.start();
            }

            @Override
            protected void doStop() throws Exception {
                managed.stop();
            }

            @Override
            public String toString() {
                return "Managed[" + name + "]";
            }
        };
    }
}
