package io.nextops.server.http;

import com.sun.jna.Library;
import com.sun.jna.Native;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers the operating system's scheduling priority (the Linux nice value) of the heavy lane's worker threads, so that
 * light work is never queued behind heavy work for a core either: when exports, uploads and imports keep every core
 * busy, the kernel still runs a list request's thread first (under the Linux scheduler a nice-0 thread weighs about
 * nine times a nice-10 one, and an idle core still goes to whoever wants it, so heavy work loses nothing when light
 * work is absent). The lanes keep heavy work from taking light work's <em>workers</em>; this keeps it from taking
 * their <em>CPU</em>.
 *
 * <p>{@link #apply()} sets the calling thread's nice value once; a heavy worker keeps it for life, as the heavy
 * lane's threads run only heavy work. Raising one's own nice value needs no privilege (lowering it again would, which
 * is why it is never undone). Linux with glibc only, through JNA (which the memory monitor's OSHI already brings);
 * elsewhere, or when the call fails, one INFO line is logged and nothing changes. Thread-safe.
 */
public final class BackgroundPriority {
    private static final Logger log = LoggerFactory.getLogger(BackgroundPriority.class);
    private static final int PRIO_PROCESS = 0;

    /** glibc 2.30+: {@code gettid} and {@code setpriority}, which on Linux applies to one thread. */
    interface LibC extends Library {
        int gettid();

        int setpriority(int which, int who, int prio);
    }

    private final int nice;
    private final ThreadLocal<Boolean> applied = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private BackgroundPriority(int nice) {
        this.nice = nice;
    }

    /**
     * Heavy threads at {@code nice} (1 to 19); 0 changes nothing. libc is bound on the first heavy task, not here, so
     * that an idle server loads none of JNA.
     */
    public static BackgroundPriority of(int nice) {
        if (nice < 0 || nice > 19) {
            throw new IllegalArgumentException("nice must be between 0 and 19, was " + nice);
        }
        if (nice != 0 && !System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            log.info("heavy work runs at normal priority: thread nice values are set on Linux only");
            return new BackgroundPriority(0);
        }
        return new BackgroundPriority(nice);
    }

    /** libc through JNA, bound on first use (class initialisation is lazy and thread-safe); null when unreachable. */
    private static final class Libc {
        static final LibC INSTANCE = load();

        private static LibC load() {
            try {
                return Native.load("c", LibC.class);
            } catch (LinkageError | RuntimeException e) {
                log.info("heavy work runs at normal priority: libc not reachable through JNA ({})", e.toString());
                return null;
            }
        }
    }

    /** The nice value heavy threads get (0 outside Linux, or when so configured). */
    public int nice() {
        return nice;
    }

    /** Sets the calling thread's nice value, the first time this thread calls; afterwards costs a thread-local read. */
    public void apply() {
        if (nice == 0 || applied.get()) {
            return;
        }
        applied.set(Boolean.TRUE);
        LibC libc = Libc.INSTANCE;
        if (libc != null && libc.setpriority(PRIO_PROCESS, libc.gettid(), nice) != 0) {
            log.info("could not set nice {} on {} (errno {}); it runs at normal priority", nice,
                    Thread.currentThread().getName(), Native.getLastError());
        }
    }
}
