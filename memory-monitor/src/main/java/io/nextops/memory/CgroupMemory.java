package io.nextops.memory;

/**
 * Container memory facts from cgroups.
 *
 * @param version     "v2", "v1" or "none" (no cgroup memory files found)
 * @param limitBytes  the memory limit, -1 when unlimited or unknown
 * @param usageBytes  current usage charged to the cgroup (includes page cache), -1 when unknown
 */
record CgroupMemory(String version, long limitBytes, long usageBytes) {
    static final CgroupMemory NONE = new CgroupMemory("none", -1, -1);

    boolean hasLimit() {
        return limitBytes > 0;
    }
}
