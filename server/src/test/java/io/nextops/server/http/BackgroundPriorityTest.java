package io.nextops.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackgroundPriorityTest {

    @Test
    void aThreadThatAppliesItRunsAtTheNiceValueAndOtherThreadsDoNot() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/thread-self/stat")), "Linux only");
        assumeTrue(niceOfThisThread() == 0, "the test JVM runs at normal priority");
        BackgroundPriority priority = BackgroundPriority.of(10);
        assertThat(priority.nice()).isEqualTo(10);
        AtomicInteger heavy = new AtomicInteger(-1);
        AtomicInteger heavyAgain = new AtomicInteger(-1);
        Thread t = new Thread(() -> {
            priority.apply();
            heavy.set(niceOfThisThread());
            priority.apply(); // once per thread: the second call changes nothing
            heavyAgain.set(niceOfThisThread());
        });
        t.start();
        t.join();
        assertThat(heavy.get()).isEqualTo(10);
        assertThat(heavyAgain.get()).isEqualTo(10);
        assertThat(niceOfThisThread()).as("the calling test thread is untouched").isEqualTo(0);
    }

    @Test
    void zeroLeavesThreadsAlone() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/thread-self/stat")), "Linux only");
        BackgroundPriority priority = BackgroundPriority.of(0);
        int inherited = niceOfThisThread(); // a new thread starts at its creator's value
        AtomicInteger nice = new AtomicInteger(-1);
        Thread t = new Thread(() -> {
            priority.apply();
            nice.set(niceOfThisThread());
        });
        t.start();
        t.join();
        assertThat(priority.nice()).isZero();
        assertThat(nice.get()).isEqualTo(inherited);
    }

    @Test
    void refusesValuesOutsideTheUnprivilegedRange() {
        assertThatThrownBy(() -> BackgroundPriority.of(20)).hasMessage("nice must be between 0 and 19, was 20");
        assertThatThrownBy(() -> BackgroundPriority.of(-1)).hasMessage("nice must be between 0 and 19, was -1");
    }

    /** Field 19 of /proc/thread-self/stat (after the parenthesised command name): the thread's nice value. */
    private static int niceOfThisThread() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(fields[16]);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
