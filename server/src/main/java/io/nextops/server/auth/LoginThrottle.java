package io.nextops.server.auth;

import io.nextops.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts failed logins per username and per client address in fixed windows that start at the first failure. Once
 * a key has {@code max} failures in its window, {@link #check} answers 429 with {@code Retry-After} until the window
 * ends. Memory is bounded: each map holds at most {@code capacity} keys (the oldest window is dropped first) and
 * expired windows are evicted as they are met. Thread-safe.
 */
final class LoginThrottle {
    static final int DEFAULT_CAPACITY = 10_000;
    // keys are client input: keep them short
    private static final int MAX_KEY_LENGTH = 160;

    private final Counter byUsername;
    private final Counter byAddress;
    private final Clock clock;

    LoginThrottle(int maxPerUsername, int maxPerAddress, Duration window, int capacity, Clock clock) {
        this.byUsername = new Counter("username", maxPerUsername, window, capacity);
        this.byAddress = new Counter("address", maxPerAddress, window, capacity);
        this.clock = clock;
    }

    /** Throws a rate-limited ApiException when either the username or the address is over its limit. */
    void check(String username, String address) {
        Instant now = clock.instant();
        long wait = Math.max(byUsername.blockedFor(username, now), byAddress.blockedFor(address, now));
        if (wait > 0) {
            throw ApiException.rateLimited("Too many failed login attempts. Try again in " + wait + " seconds.", wait);
        }
    }

    void failed(String username, String address) {
        Instant now = clock.instant();
        byUsername.add(username, now);
        byAddress.add(address, now);
    }

    /** A good login clears the username's failures (not the address's: one good account must not reset a spray). */
    void succeeded(String username) {
        byUsername.clear(username);
    }

    int size() {
        return byUsername.size() + byAddress.size();
    }

    private static final class Window {
        final Instant start;
        int failures;

        Window(Instant start) {
            this.start = start;
        }
    }

    private static final class Counter {
        private final String name;
        private final int max;
        private final Duration window;
        private final int capacity;
        // insertion order = window start order, so the eldest entry is the oldest window
        private final LinkedHashMap<String, Window> windows;

        Counter(String name, int max, Duration window, int capacity) {
            this.name = name;
            this.max = max;
            this.window = window;
            this.capacity = capacity;
            this.windows = new LinkedHashMap<>(16, 0.75f, false) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
                    return size() > Counter.this.capacity;
                }
            };
        }

        synchronized long blockedFor(String key, Instant now) {
            if (max == 0) {
                return 0;
            }
            evictExpired(now);
            Window w = windows.get(key(key));
            if (w == null || w.failures < max) {
                return 0;
            }
            long millis = Duration.between(now, w.start.plus(window)).toMillis();
            return Math.max(1, (millis + 999) / 1000);
        }

        synchronized void add(String key, Instant now) {
            if (max == 0) {
                return;
            }
            evictExpired(now);
            windows.computeIfAbsent(key(key), k -> new Window(now)).failures++;
        }

        synchronized void clear(String key) {
            windows.remove(key(key));
        }

        synchronized int size() {
            return windows.size();
        }

        // windows are in start order: stop at the first one still running
        private void evictExpired(Instant now) {
            for (Iterator<Window> it = windows.values().iterator(); it.hasNext(); ) {
                if (!it.next().start.plus(window).isAfter(now)) {
                    it.remove();
                } else {
                    return;
                }
            }
        }

        private static String key(String raw) {
            String k = raw == null ? "" : raw;
            return k.length() > MAX_KEY_LENGTH ? k.substring(0, MAX_KEY_LENGTH) : k;
        }

        @Override
        public String toString() {
            return "LoginThrottle.Counter[" + name + ", max=" + max + ", window=" + window + "]";
        }
    }
}
