package io.nextops.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupReaderTest {
    @TempDir
    Path root;

    @Test
    void readsCgroupV2LimitAndUsage() throws IOException {
        Files.writeString(root.resolve("memory.max"), "536870912\n");
        Files.writeString(root.resolve("memory.current"), "123456789\n");

        assertThat(new CgroupReader(root).read()).isEqualTo(new CgroupMemory("v2", 536870912L, 123456789L));
    }

    @Test
    void cgroupV2MaxMeansNoLimit() throws IOException {
        Files.writeString(root.resolve("memory.max"), "max\n");
        Files.writeString(root.resolve("memory.current"), "1000\n");

        CgroupMemory memory = new CgroupReader(root).read();

        assertThat(memory).isEqualTo(new CgroupMemory("v2", -1, 1000));
        assertThat(memory.hasLimit()).isFalse();
    }

    @Test
    void readsCgroupV1LimitAndUsage() throws IOException {
        Path v1 = Files.createDirectories(root.resolve("memory"));
        Files.writeString(v1.resolve("memory.limit_in_bytes"), "1073741824\n");
        Files.writeString(v1.resolve("memory.usage_in_bytes"), "52428800\n");

        assertThat(new CgroupReader(root).read()).isEqualTo(new CgroupMemory("v1", 1073741824L, 52428800L));
    }

    @Test
    void cgroupV1HugeLimitMeansNoLimit() throws IOException {
        Path v1 = Files.createDirectories(root.resolve("memory"));
        Files.writeString(v1.resolve("memory.limit_in_bytes"), "9223372036854771712\n");
        Files.writeString(v1.resolve("memory.usage_in_bytes"), "52428800\n");

        assertThat(new CgroupReader(root).read()).isEqualTo(new CgroupMemory("v1", -1, 52428800L));
    }

    @Test
    void missingFilesMeanNoCgroupInformation() {
        assertThat(new CgroupReader(root).read()).isEqualTo(CgroupMemory.NONE);
        assertThat(new CgroupReader(root.resolve("does-not-exist")).read()).isEqualTo(CgroupMemory.NONE);
    }

    @Test
    void garbageIsUnknownNotAnError() throws IOException {
        Files.writeString(root.resolve("memory.max"), "lots of memory\n");
        Files.writeString(root.resolve("memory.current"), "");

        assertThat(new CgroupReader(root).read()).isEqualTo(new CgroupMemory("v2", -1, -1));
    }

    @Test
    void zeroNegativeAndOverflowingLimitsAreNoLimit() throws IOException {
        for (String text : new String[] {"0", "-5", "99999999999999999999999", "1.5e9"}) {
            Files.writeString(root.resolve("memory.max"), text);
            assertThat(new CgroupReader(root).read().limitBytes()).as(text).isEqualTo(-1);
        }
    }

    @Test
    void onlyOneV2FileIsEnoughToKnowTheVersion() throws IOException {
        Files.writeString(root.resolve("memory.current"), "4096");

        assertThat(new CgroupReader(root).read()).isEqualTo(new CgroupMemory("v2", -1, 4096));
    }

    @Test
    void readsTheProcessOwnNestedV1GroupAndTheLowestLimitOnTheWayUp() throws IOException {
        Path v1 = Files.createDirectories(root.resolve("memory"));
        Files.writeString(v1.resolve("memory.limit_in_bytes"), "9223372036854771712\n"); // root: unlimited
        Path parent = Files.createDirectories(v1.resolve("process_api/abc"));
        Files.writeString(parent.resolve("memory.limit_in_bytes"), "1073741824\n");
        Path own = Files.createDirectories(parent.resolve("nextops-budget"));
        Files.writeString(own.resolve("memory.limit_in_bytes"), "268435456\n");
        Files.writeString(own.resolve("memory.usage_in_bytes"), "104857600\n");
        Path self = root.resolve("self-cgroup");
        Files.writeString(self, "9:name=systemd:/\n4:memory:/process_api/abc/nextops-budget\n0::/\n");

        assertThat(new CgroupReader(root, self).read()).isEqualTo(new CgroupMemory("v1", 268435456L, 104857600L));

        Files.writeString(own.resolve("memory.limit_in_bytes"), "9223372036854771712\n"); // own unlimited: parent's
        assertThat(new CgroupReader(root, self).read().limitBytes()).isEqualTo(1073741824L);
    }

    @Test
    void readsTheProcessOwnNestedV2Group() throws IOException {
        Files.writeString(root.resolve("cgroup.controllers"), "memory\n");
        Path own = Files.createDirectories(root.resolve("app/server"));
        Files.writeString(own.resolve("memory.max"), "268435456\n");
        Files.writeString(own.resolve("memory.current"), "1000\n");
        Path self = root.resolve("self-cgroup");
        Files.writeString(self, "0::/app/server\n");

        assertThat(new CgroupReader(root, self).read()).isEqualTo(new CgroupMemory("v2", 268435456L, 1000L));
    }

    @Test
    void aPathThatEscapesTheMountIsIgnored() throws IOException {
        Path v1 = Files.createDirectories(root.resolve("memory"));
        Files.writeString(v1.resolve("memory.limit_in_bytes"), "536870912\n");
        Path self = root.resolve("self-cgroup");
        Files.writeString(self, "4:memory:/../../etc\n");

        assertThat(new CgroupReader(root, self).read().limitBytes()).isEqualTo(536870912L);
    }
}
