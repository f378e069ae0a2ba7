package io.nextops.server.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.BiConsumer;
import javax.sql.DataSource;

/**
 * Runs the database migrations with Flyway loaded in a class loader of its own, which nothing references once the run
 * is over: the next full GC unloads Flyway's ~430 classes, which a serving process never needs again (measured
 * in docs/benchmarks.md). Concurrent runs from several server instances are serialised by Flyway's PostgreSQL lock.
 * Thread-safety: stateless; each call makes its own loader.
 */
final class Migrations {
    /** The class that calls Flyway; named, not referenced, so that Flyway is never linked in the application loader. */
    private static final String RUNNER = "io.nextops.server.db.FlywayRun";

    private Migrations() {}

    /** Migrates {@code dataSource} with the given Flyway locations; Flyway's errors propagate unchanged. */
    static void run(DataSource dataSource, List<String> locations) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        IsolatingLoader loader = new IsolatingLoader(Migrations.class.getClassLoader());
        thread.setContextClassLoader(loader);
        try {
            @SuppressWarnings("unchecked")
            BiConsumer<DataSource, List<String>> runner = (BiConsumer<DataSource, List<String>>)
                    loader.loadClass(RUNNER).getConstructor().newInstance();
            runner.accept(dataSource, List.copyOf(locations));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load the migration runner " + RUNNER, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * Defines Flyway's classes and the runner itself from the parent's class files (child first); everything else,
     * resources included, comes from the parent as usual.
     */
    static final class IsolatingLoader extends ClassLoader {
        static {
            registerAsParallelCapable();
        }

        IsolatingLoader(ClassLoader parent) {
            super("migrations", parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!isolated(name)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = define(name);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }

        private static boolean isolated(String name) {
            return name.startsWith("org.flywaydb.") || name.equals(RUNNER);
        }

        private Class<?> define(String name) throws ClassNotFoundException {
            String path = name.replace('.', '/') + ".class";
            try (InputStream in = getParent().getResourceAsStream(path)) {
                if (in == null) {
                    throw new ClassNotFoundException(name);
                }
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        }
    }
}
