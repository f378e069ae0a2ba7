package io.nextops.server;

import org.eclipse.jetty.util.component.AbstractLifeCycle;

/** Ties an {@link AutoCloseable} to Jetty's lifecycle: closed when the server stops. Thread-safe. */
final class Managed extends AbstractLifeCycle {
    private final String name;
    private final AutoCloseable resource;

    Managed(String name, AutoCloseable resource) {
        this.name = name;
        this.resource = resource;
    }

    @Override
    protected void doStop() throws Exception {
        resource.close();
    }

    @Override
    public String toString() {
        return "Managed[" + name + "]";
    }
}
