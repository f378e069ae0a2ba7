package io.nextops.hashing.store;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per key, created on demand and dropped when nobody holds or waits for it, so unrelated digests never
 * contend and the map does not grow with the number of blobs ever stored. Reentrant: a callback may delete its blob.
 */
final class KeyedLocks {
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    static final class Entry {
        private final ReentrantLock lock = new ReentrantLock();
        private int users; // changed only inside ConcurrentHashMap.compute for this key, which serialises it
    }

    Entry acquire(String key) {
        Entry entry = entries.compute(key, (k, existing) -> {
            Entry e = existing == null ? new Entry() : existing;
            e.users++;
            return e;
        });
        entry.lock.lock();
        return entry;
    }

    void release(String key, Entry entry) {
        entry.lock.unlock();
        entries.computeIfPresent(key, (k, e) -> --e.users == 0 ? null : e);
    }

    int size() {
        return entries.size();
    }
}
